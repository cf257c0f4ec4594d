"""'Locate it' in JupyterLab: an anywidget shows the plate and sends each click to Python, which
grades it (`locate.grade`) and hands the finished exercise to `on_answer`, as a quiz does."""

import anywidget
import traitlets

from .locateit import STEPS, grade, qid

ESM = """
export function render({ model, el }) {
  const NS = "http://www.w3.org/2000/svg";
  const data = model.get("model");
  const m = data.to_svg;
  el.innerHTML = '<p><strong>Locate it.</strong> Click where ' + data.name + ' lies; then where its trigger point sits.</p>'
    + '<div class="plate">' + data.svg + '</div><p class="step"></p><p class="feedback" role="status"></p>'
    + '<button type="button" class="retry">Try again</button>';
  const svg = el.querySelector("svg");
  const layer = document.createElementNS(NS, "g");
  svg.appendChild(layer);
  const toSvg = (p) => [m[0] * p[0] + m[1], m[2] * p[1] + m[3]];
  const path = (d, stroke, fill, w) => { const e = document.createElementNS(NS, "path"); e.setAttribute("d", d);
    e.setAttribute("stroke", stroke); e.setAttribute("fill", fill); e.setAttribute("stroke-width", w); layer.appendChild(e); };
  const cross = (p, r, stroke) => { const s = toSvg(p);
    path(`M${s[0]-r} ${s[1]-r}L${s[0]+r} ${s[1]+r}M${s[0]-r} ${s[1]+r}L${s[0]+r} ${s[1]-r}`, stroke, "none", 2.5); };
  function draw() {
    const st = model.get("state");
    layer.replaceChildren();
    (st.clicks || []).forEach((p) => cross(p, 3.5, "#d55e00"));
    if (st.step >= 1) { data.muscle.forEach((s) => path("M" + s.map((p) => toSvg(p).join(" ")).join("L") + "Z", "#0072b2", "rgba(0,114,178,0.25)", 1.5)); }
    if (st.step >= 2) { data.points.forEach((p) => cross(p, 5, "#000")); }
    el.querySelector(".step").textContent = st.step === 0 ? "Step 1 of 2: where does " + data.name + " lie?"
      : st.step === 1 ? "Step 2 of 2: where does its trigger point sit?" : "Done.";
    el.querySelector(".feedback").textContent = st.feedback || "";
  }
  svg.addEventListener("click", (e) => {
    const pt = svg.createSVGPoint(); pt.x = e.clientX; pt.y = e.clientY;
    const s = pt.matrixTransform(svg.getScreenCTM().inverse());
    model.set("click", [(s.x - m[1]) / m[0], (s.y - m[3]) / m[2]]); model.save_changes();
  });
  el.querySelector(".retry").addEventListener("click", () => { model.set("click", []); model.save_changes(); });
  model.on("change:state", draw);
  draw();
}
"""


class LocateWidget(anywidget.AnyWidget):
    _esm = ESM
    model = traitlets.Dict().tag(sync=True)
    click = traitlets.List().tag(sync=True)
    state = traitlets.Dict({"step": 0, "clicks": [], "results": [], "feedback": ""}).tag(sync=True)

    def __init__(self, model, chapter, on_answer=None):
        super().__init__(model=model)
        self.chapter, self.on_answer = chapter, on_answer
        self.observe(self._clicked, "click")

    def _clicked(self, change):
        xy = change["new"]
        if not xy:  # "Try again"
            self.state = {"step": 0, "clicks": [], "results": [], "feedback": ""}
            return
        st = dict(self.state)
        if st["step"] >= len(STEPS):
            return
        kind = STEPS[st["step"]]
        result = grade(self.model, kind, xy)
        st = {"step": st["step"] + 1, "clicks": [*st["clicks"], list(xy)],
              "results": [*st["results"], f"{kind}:{'right' if result['right'] else 'wrong'}"],
              "feedback": result["text"]}
        if st["step"] == len(STEPS) and self.on_answer:
            correct = all(r.endswith(":right") for r in st["results"])
            said = self.on_answer(self.chapter, qid(self.model["target"]), st["results"], correct)
            st["feedback"] += f" {said}" if said else ""
        self.state = st

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)  # anywidget: (data, metadata); DualView merges data
        return bundle[0] if isinstance(bundle, tuple) else bundle
