"""The clickable, drawable finder map in JupyterLab: an anywidget with its script inline.

The widget's ES module is put together from the book's own scripts (`_static/tp-finder.js`,
`tp-finder-draw.js`, `tp-finder-page.js`: the overlay, the hit test, the strokes) plus a few
lines that talk to the kernel, so JupyterLab and the book mark, draw and overlay alike and
nothing is fetched from another host. Python sets `marked`, `absent` and `top`; the browser
reports a click or a stroke in `clicked` ({"regions": [...], "on": bool, "sides": [the half of the
figure each was marked on], "n": counter}); `sides` says where the overlay goes.
"""

import anywidget
import traitlets

from ..paths import STATIC_DIR

SCRIPTS = ("tp-finder.js", "tp-finder-draw.js", "tp-finder-page.js")
RENDER = """
function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "tp-finder tp-finder-lab";
  root.innerHTML = model.get("markup");
  el.appendChild(root);
  const figure = root.querySelector("[data-tp-finder-map]");
  const data = model.get("data");
  let n = 0;
  const marked = (id) => model.get("marked").indexOf(id) >= 0;
  const send = (regions, on, sides) => {
    model.set("clicked", { regions: regions, on: on, sides: sides, n: ++n });
    model.save_changes();
  };
  const paint = () => window.TPFinderPage.overlay(figure, data, model.get("marked"),
                                                    model.get("absent"), model.get("top"), model.get("sides"));
  const phrase = window.TPFinder.phrases(data.regions);
  window.TPFinderDraw.attach(figure, {
    marked: marked,
    mark: (ids, on, sides) => { if (ids.length) send(ids, on, sides || []); },
    label: (id) => phrase[id],
    click: (id, side) => send([id], !marked(id), [side]),
  });
  model.on("change:marked", paint);
  model.on("change:absent", paint);
  model.on("change:top", paint);
  model.on("change:sides", paint);
  paint();
  root.setAttribute("data-tp-finder-lab-ready", "1");
}
export default { render };
"""


def module_source():
    """The widget's ES module: the book's finder scripts, then the kernel glue."""
    scripts = [(STATIC_DIR / name).read_text(encoding="utf-8") for name in SCRIPTS]
    return "\n".join(scripts) + RENDER


class FinderMap(anywidget.AnyWidget):
    """The finder's body map for JupyterLab (markup from `page.map_html`)."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)
    markup = traitlets.Unicode().tag(sync=True)
    data = traitlets.Dict().tag(sync=True)
    marked = traitlets.List().tag(sync=True)
    absent = traitlets.List().tag(sync=True)
    top = traitlets.List().tag(sync=True)
    clicked = traitlets.Dict().tag(sync=True)
    sides = traitlets.List(["right"]).tag(sync=True)

    def __init__(self, data, markup):
        super().__init__(_esm=module_source(), _css=(STATIC_DIR / "tp-finder.css").read_text(encoding="utf-8"),
                         markup=markup, data=data)

    def show(self, marked, absent, top, sides=("right",)):
        """Mark areas (yes), flag areas answered no, overlay the top candidates' patterns, on these sides."""
        with self.hold_sync():
            self.marked, self.absent, self.top, self.sides = list(marked), list(absent), list(top), list(sides)
