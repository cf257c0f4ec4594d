"""The compare box's facts: every differentiator of a pair, either direction, in criterion order."""

from triggerpoints.book.apart import CRITERIA, apart_data, apart_html
from triggerpoints.knowledge import loaded


def test_every_differentiator_of_a_pair_is_in_its_box_whichever_muscle_comes_first():
    kb = loaded()
    rows = kb.differentiators
    for a, b in {tuple(sorted(p)) for p in zip(rows.muscle, rows.versus)}:
        mine = rows[((rows.muscle == a) & (rows.versus == b)) | ((rows.muscle == b) & (rows.versus == a))]
        for first, second in ((a, b), (b, a)):
            box = apart_html(kb, first, second, "lesson.html")
            assert all(s.replace("'", "&#x27;") in box for s in mine.statement), (first, second)


def test_the_box_names_the_activities_only_one_of_the_pair_is_made_worse_by():
    box = apart_html(loaded(), "piriformis", "gluteus_minimus", "../notebooks/08_telling_them_apart.html")
    assert box.startswith("<h4>How to tell Piriformis from Gluteus minimus</h4>")
    assert "Made worse, for Piriformis only, by</dt><dd>Prolonged sitting" in box
    assert '<a href="../notebooks/08_telling_them_apart.html">Lesson 8: Telling them apart</a>' in box


def test_facts_come_in_criterion_order_and_a_pair_without_any_says_so():
    data = apart_data(loaded())
    labels = [label for label, in [(f[2],) for f in data["facts"]]]
    order = [label for _, label in CRITERIA]
    assert [order.index(x) for x in labels] == sorted(order.index(x) for x in labels)
    empty = {**data, "facts": [], "worse": {}}
    from triggerpoints.book.apart import render

    assert "lists nothing yet" in render(empty, "piriformis", "adductors", "l.html")
