"""The reasoning panel in the built book: next question, Yes / No / Not sure, changes, the lead."""

from test_browser_finder import FINDER, checked, finder, shown_ranking, status  # noqa: F401 (finder: fixture)

from triggerpoints.finder import finder_data
from triggerpoints.finder.advice import advise, checked_answers
from triggerpoints.finder.panel import panel_html

PANEL = f"{FINDER} [data-tp-finder-advice]"


def tick(page, value):
    page.click(f"{FINDER} label:has(input[value='{value}'])")


def question(page):
    q = page.query_selector(f"{PANEL} [data-tp-finder-question]")
    return q and (q.get_attribute("data-kind"), q.get_attribute("data-id"), q.text_content())


def python_advice(answers):
    data = finder_data()
    answers = checked_answers(data, answers)
    return data, answers, advise(data, answers)


def test_no_question_before_anything_is_marked(finder):
    assert question(finder) is None
    assert finder.text_content(f"{PANEL} [data-tp-finder-lead]") == ""


def test_marks_bring_the_python_question_lead_and_panel_markup(finder):
    tick(finder, "lower_back")
    tick(finder, "groin")
    data, answers, result = python_advice({"regions": {"lower_back": "yes", "groin": "yes"}})
    assert question(finder) == (result["next"]["kind"], result["next"]["id"], result["next"]["question"])
    assert finder.text_content(f"{PANEL} [data-tp-finder-lead]") == result["lead"]["text"]
    note = {"kind": "regions", "id": "groin", "answer": "yes", "previous": None}
    assert finder.inner_html(PANEL) == panel_html(data, result, answers, note)


def test_answering_no_counts_and_moves_to_another_question(finder):
    tick(finder, "lower_back")
    tick(finder, "groin")
    kind, asked, _ = question(finder)
    finder.click(f"{PANEL} [data-tp-finder-answer='no']")
    answers = {"regions": {"lower_back": "yes", "groin": "yes"}, "aggravators": {}}
    answers[kind][asked] = "no"
    _, _, result = python_advice(answers)
    assert [m for m, _, _ in shown_ranking(finder)] == [r["muscle"] for r in result["rows"]]
    assert [s for _, s, _ in shown_ranking(finder)] == [r["score"] for r in result["rows"]]
    assert question(finder)[1] == result["next"]["id"] != asked
    assert "no" in finder.text_content(f"{PANEL} .tp-finder-answered")
    if kind == "regions":
        absent = finder.eval_on_selector_all(f"{FINDER} .tp-region.tp-finder-absent", "rs => rs.map(r => r.dataset.region)")
        assert absent and set(absent) == {asked}  # outlined on each figure that shows it (front, side)


def test_yes_ticks_the_box_and_not_sure_changes_no_score(finder):
    tick(finder, "mid_buttock")
    kind, asked, _ = question(finder)
    before = shown_ranking(finder)
    finder.click(f"{PANEL} [data-tp-finder-answer='unsure']")
    assert shown_ranking(finder) == before and question(finder)[1] != asked
    kind2, asked2, _ = question(finder)
    finder.click(f"{PANEL} [data-tp-finder-answer='yes']")
    assert asked2 in checked(finder, "region" if kind2 == "regions" else "aggravator")


def test_a_contradictory_answer_keeps_the_last_and_shows_it(finder):
    tick(finder, "groin")
    tick(finder, "anterior_thigh")
    tick(finder, "anterior_thigh")  # untick: no answer, was yes
    assert "Front of thigh: no answer (replaces your earlier yes)." in finder.text_content(f"{PANEL} [data-tp-finder-note]")
    kind, asked, _ = question(finder)
    finder.click(f"{PANEL} [data-tp-finder-answer='no']")
    box = f"{FINDER} input[name='{'region' if kind == 'regions' else 'aggravator'}'][value='{asked}']"
    finder.check(box)  # yes after no: the box wins, and the note says what it replaced
    note = finder.text_content(f"{PANEL} [data-tp-finder-note]")
    assert note.endswith(": yes (replaces your earlier no).")
    assert asked not in finder.text_content(f"{PANEL} [data-tp-finder-answers]")


def test_forget_and_clear_all_drop_the_answers(finder):
    tick(finder, "groin")
    finder.click(f"{PANEL} [data-tp-finder-answer='no']")
    finder.click(f"{PANEL} [data-tp-finder-forget]")
    assert finder.query_selector(f"{PANEL} .tp-finder-answered") is None
    finder.click(f"{PANEL} [data-tp-finder-answer='no']")
    finder.click(f"{FINDER} [data-tp-finder-clear]")
    assert checked(finder, "region") == [] and "Mark at least one" in status(finder)
    assert finder.query_selector(f"{PANEL} .tp-finder-answered") is None


def test_the_question_can_be_answered_by_keyboard_alone(finder):
    finder.focus(f"{FINDER} input[value='sacroiliac']")
    finder.keyboard.press("Space")
    first = question(finder)
    finder.focus(f"{PANEL} [data-tp-finder-answer='no']")
    finder.keyboard.press("Enter")
    assert question(finder) != first
    focused = finder.evaluate("document.activeElement.closest('[data-tp-finder-advice]') !== null")
    assert focused, "focus left the panel after answering"
