"""The compare box's facts: every differentiator of a pair, either direction, in criterion order,
each criterion under one heading; a compared part gets its muscle's facts and the box says so."""

import re

from triggerpoints.book.apart import CRITERIA, apart_data, apart_html, names_a_test, render
from triggerpoints.knowledge import loaded


def test_every_differentiator_of_a_pair_is_in_its_box_whichever_muscle_comes_first():
    kb = loaded()
    rows, names = kb.differentiators, apart_data(kb)["names"]
    for a, b in {tuple(sorted(p)) for p in zip(rows.muscle, rows.versus)}:
        mine = rows[((rows.muscle == a) & (rows.versus == b)) | ((rows.muscle == b) & (rows.versus == a))]
        for first, second in ((a, b), (b, a)):
            box = apart_html(kb, first, second, "lesson.html")
            for r in mine.itertuples():
                shown = r.statement.replace("'", "&#x27;") in box
                assert shown == names_a_test(r, (names[r.muscle], names[r.versus])), (first, second, r.id)


def test_a_muscle_test_line_holds_a_test_or_is_left_out():
    kb = loaded()
    vague = apart_html(kb, "erector_spinae", "quadratus_lumborum", "l.html")
    assert "Muscle test" not in vague and "Specific muscle tests" not in vague  # it names no test
    real = apart_html(kb, "iliopsoas", "quadratus_lumborum", "l.html")
    assert "<dt>Muscle test</dt><dd>Limited hip extension" in real


def test_each_criterion_has_one_heading_over_all_its_statements():
    box = apart_html(loaded(), "quadratus_lumborum", "erector_spinae", "l.html")
    heads = re.findall(r"<dt>(.*?)</dt>", box)
    assert len(heads) == len(set(heads)), heads
    spread = re.search(r"<dt>How the pain spreads</dt>((?:<dd>.*?</dd>)+)", box).group(1)
    assert spread.count("<dd>") == 2, "both directions' statements under the one heading"


def test_the_box_names_the_activities_only_one_of_the_pair_is_made_worse_by():
    box = apart_html(loaded(), "piriformis", "gluteus_minimus", "../notebooks/08_telling_them_apart.html")
    assert box.startswith("<h4>How to tell Piriformis from Gluteus minimus</h4>")
    assert "Made worse, for Piriformis only, by</dt><dd>Prolonged sitting" in box
    assert '<a href="../notebooks/08_telling_them_apart.html">Lesson 8: Telling them apart</a>' in box


def test_a_part_is_told_apart_by_its_muscles_facts_and_the_box_says_so():
    kb = loaded()
    part = apart_html(kb, "piriformis", "gluteus_minimus_posterior", "l.html")
    whole = apart_html(kb, "piriformis", "gluteus_minimus", "l.html")
    assert part.startswith("<h4>How to tell Piriformis from Gluteus minimus — posterior part</h4>")
    assert "written for whole muscles: below, those of Gluteus minimus." in part
    assert whole.split("</h4>", 1)[1] in part, "the muscle's facts, all of them"
    same = apart_html(kb, "gluteus_minimus_anterior", "gluteus_minimus_posterior", "l.html")
    assert "none tells these two apart" in same and "<dl>" not in same


def test_facts_come_in_criterion_order_and_a_pair_without_any_says_so():
    data = apart_data(loaded())
    labels = [f[2] for f in data["facts"]]
    order = [label for _, label in CRITERIA]
    assert [order.index(x) for x in labels] == sorted(order.index(x) for x in labels)
    empty = {**data, "facts": [], "worse": {}}
    assert "lists nothing yet" in render(empty, "piriformis", "adductors", "l.html")


def test_the_page_gets_the_parts_from_the_explorers_model_with_the_same_names():
    """apart_script leaves the parts out (tp-compare.js reads them from the explorer's model):
    the model must name and place them as apart_data does."""
    import json

    from triggerpoints.book.apart import apart_script
    from triggerpoints.maps.explorer_model import build_model

    data, model = apart_data(loaded()), build_model(loaded())
    parts = {p["id"]: (p["label"], m["id"]) for m in model["muscles"] for p in m["parts"] if "label" in p}
    assert parts == {p: (data["names"][p], data["of"][p]) for p in data["of"]}
    page = json.loads(apart_script(None, "l.html").split(">", 1)[1].rsplit("<", 1)[0])
    assert not page["of"] and not set(page["names"]) & set(parts)
