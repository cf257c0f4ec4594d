"""The pain finder in JupyterLab: checkboxes, the clickable map, the ranking and the next question.

The same answers and rule as the book (`advice`): a yes is a ticked box (or a clicked or
drawn area on the map), "no" and "not sure" come from the buttons under the next question,
and the last answer to a question replaces any earlier one (the note under it says so).
The map is `mapwidget.FinderMap`, an anywidget whose script ships inside the package.
"""

from .advice import advise, empty_answers, with_answer
from .mapwidget import FinderMap
from .panel import BUTTONS, panel_html
from .sides import SIDE_CHOICES, side_note, sides_of, with_mark

KIND_OF = {"regions": "region", "aggravators": "aggravator"}


class FinderWidget:
    """The live finder; `.view` is the ipywidgets tree a cell shows."""

    def __init__(self, data, regions, aggravators, map_markup, header, results_html, area_views):
        import ipywidgets as w

        self.data, self.results_html = data, results_html
        self.extra, self.note, self._quiet = empty_answers(), None, False
        self.boxes = {kind: {v["id"]: w.Checkbox(value=v["id"] in chosen, description=v["label"],
                                                 indent=False) for v in data[kind]}
                      for kind, chosen in (("regions", regions), ("aggravators", aggravators))}
        self.results, self.panel = w.HTML(), w.HTML()
        self.buttons = [w.Button(description=label, tooltip=f"Answer {label.lower()}") for _, label in BUTTONS]
        for (value, _), button in zip(BUTTONS, self.buttons):
            button.on_click(lambda _b, v=value: self.answer_next(v))
        self.forget = w.Button(description="Forget no / not sure answers")
        self.forget.on_click(lambda _b: self.forget_answers())
        self.side = w.ToggleButtons(options=[(t, v) for v, t in SIDE_CHOICES], value="right",
                                    description="Side of the pain", style={"description_width": "initial"})
        self.side.observe(lambda _change: self.update(), names="value")
        self.side_note = w.HTML()
        self.map = FinderMap(data, map_markup)
        self.map.observe(self._map_clicked, names="clicked")
        for kind, boxes in self.boxes.items():
            for item, box in boxes.items():
                box.observe(lambda change, k=kind, i=item: self._box_changed(k, i, change), names="value")
        columns = [_group(w, legend, [self.boxes["regions"][r["id"]] for r in data["regions"]
                                      if r["view"] == view]) for view, legend in area_views]
        columns.append(_group(w, "What makes the pain worse?", list(self.boxes["aggravators"].values())))
        self.keys = w.HBox([*self.buttons, self.forget])
        self.view = w.VBox([w.HTML(header), self.side, self.side_note, w.HBox([self.map, *columns[:2]]), columns[2],
                            self.results, self.panel, self.keys])
        self.update()

    def answers(self):
        out = empty_answers()
        for kind, boxes in self.boxes.items():
            for item, box in boxes.items():
                if box.value:
                    out[kind][item] = "yes"
                elif item in self.extra[kind]:
                    out[kind][item] = self.extra[kind][item]
        return out

    def update(self):
        answers = self.answers()
        self.result = advise(self.data, answers)
        rows = self.result["rows"]
        self.results.value = self.results_html(self.data, rows, self.result["message"])
        self.panel.value = panel_html(self.data, self.result, answers, self.note, buttons=False)
        for button in self.buttons:
            button.disabled = self.result["next"] is None
        self.forget.disabled = not any(self.extra.values())
        by = {a: [i for i, v in answers["regions"].items() if v == a] for a in ("yes", "no")}
        top = [r["muscle"] for r in rows if r["score"] > 0][:self.data["overlay_top"]]  # likely ones only
        self.map.show(by["yes"], by["no"], top, sides_of(self.side.value))
        note = side_note(self.data, self.side.value, top)
        self.side_note.value = f'<p class="tp-finder-side-note">{note}</p>' if note else ""

    def set_answer(self, kind, item, value):
        """Answer one question (None forgets it); the last answer is the one kept."""
        previous = self.answers()[kind].get(item)
        self._quiet = True
        self.boxes[kind][item].value = value == "yes"
        self._quiet = False
        self.extra, self.note = with_answer(self.extra, kind, item, None if value == "yes" else value)
        self.note["answer"], self.note["previous"] = value, previous
        self.update()

    def answer_next(self, value):
        nxt = self.result["next"]
        if nxt is not None:
            self.set_answer(nxt["kind"], nxt["id"], value)

    def forget_answers(self):
        self.extra, self.note = empty_answers(), None
        self.update()

    def _box_changed(self, kind, item, change):
        if self._quiet:
            return
        previous = self.extra[kind].get(item) if change["new"] else "yes"
        self.extra, self.note = with_answer(self.extra, kind, item, None)
        self.note["answer"], self.note["previous"] = ("yes" if change["new"] else None), previous
        self.update()

    def _map_clicked(self, change):
        """The map sends {"regions": [...], "on": bool, "n": counter} for a click or a stroke."""
        event = change["new"] or {}
        if event.get("on", True):
            for side in event.get("sides", []):  # a mark on the other half: the pain is on both sides
                self.side.value = with_mark(self.side.value, side)
        for item in event.get("regions", []):
            if item in self.boxes["regions"]:
                self.set_answer("regions", item, "yes" if event.get("on", True) else None)


def _group(w, legend, boxes):
    return w.VBox([w.HTML(f"<strong>{legend}</strong>"), *boxes])
