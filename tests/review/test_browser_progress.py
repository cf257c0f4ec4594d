"""Answers kept in the browser, the My progress page, its review, export/import and erase.

Pages are opened as readers open them (over http and from file://, in Debian's Chromium);
the page fixture fails a test on any console error, missing asset or foreign request.
"""

import json

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS

from triggerpoints.quizzes.bank import load_banks

PRACTICE = "book/quiz_practice.html"
PROGRESS = "book/progress.html"
LESSON = "notebooks/05_piriformis.html"
KEY = "tp-course-progress"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"], "preload": False}


@pytest.fixture(scope="module")
def bank():
    return {q["id"]: q for qs in load_banks().values() for q in qs}


def open_(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_timeout(100)


def block(page, qid, root="[data-tp-quiz]"):
    return page.locator(f'{root} [data-tp-qid="{qid}"]').first


def answer(page, q, correct, root="[data-tp-quiz]"):
    b = block(page, q["id"], root)
    for a in q["answers"]:
        if a["correct"] is correct:
            b.locator("label", has_text=a["answer"]).first.click()
            if q["type"] == "multiple_choice":
                break
    b.locator(".tp-quiz-check").click()
    return b


def stored(page):
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def row(page, chapter):
    return page.locator(f'tr[data-tp-chapter="{chapter}"]').inner_text()


def axe(page):
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def test_an_answer_survives_a_reload_and_shows_on_the_other_page(page, book_url, bank):
    q = bank["pir_attachments"]
    open_(page, f"{book_url}/{PRACTICE}")
    answer(page, q, False)
    record = stored(page)["answers"][q["id"]]
    assert record["chapter"] == "piriformis" and record["attempts"] == 1
    assert record["firstCorrect"] is False and record["lastCorrect"] is False and record["selected"]

    page.reload(wait_until="load")
    b = block(page, q["id"])
    assert b.locator("input:checked").count() == 1 and b.locator("input:checked").get_attribute("value") == record["selected"][0]
    text = b.locator(".tp-quiz-feedback").inner_text()
    assert "Your saved answer (attempts: 1; not right at the first try)" in text and "Not quite" in text
    assert b.locator(".tp-quiz-retry").is_visible()

    b.locator(".tp-quiz-retry").click()
    answer(page, q, True)
    record = stored(page)["answers"][q["id"]]
    assert record["attempts"] == 2 and record["firstCorrect"] is False and record["lastCorrect"] is True

    open_(page, f"{book_url}/{LESSON}")
    assert set(stored(page)["visits"]) == {"piriformis"}, "a lesson visit; the practice page is no visit"
    b = block(page, q["id"])
    assert b.locator(".tp-quiz-feedback").inner_text().startswith("Your saved answer (attempts: 2; not right at the first try)")
    said = page.locator('[data-tp-quiz="piriformis"] .tp-quiz-score').inner_text()
    assert said.startswith("Right at the first try: 0 of") and "; right in the end: 1 of" in said


def test_try_again_and_start_again_clear_the_kept_selection_but_not_the_history(page, book_url, bank):
    q = bank["ql_ribs"]
    open_(page, f"{book_url}/{PRACTICE}")
    answer(page, q, True)
    block(page, q["id"]).locator(".tp-quiz-retry").click()
    assert stored(page)["answers"][q["id"]]["selected"] == []
    page.reload(wait_until="load")
    assert block(page, q["id"]).locator("input:checked").count() == 0
    assert block(page, q["id"]).locator(".tp-quiz-feedback").inner_text() == ""
    assert stored(page)["answers"][q["id"]]["firstCorrect"] is True


def test_answers_survive_a_browser_restart_from_file(browser, book_dir, bank, tmp_path):
    """A persistent profile, closed and opened again: a new browser process, same storage."""
    q = bank["case_rower_band"]
    profile = tmp_path / "profile"
    for run in ("answer", "after restart"):
        context = browser.browser_type.launch_persistent_context(str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = context.new_page()
        if run == "answer":
            open_(page, (book_dir / PRACTICE).as_uri())
            answer(page, q, True)
        else:
            open_(page, (book_dir / PROGRESS).as_uri())
            total = sum(1 for x in bank.values() if x["chapter"] == "cases")
            assert row(page, "cases").split("\t")[2:4] == [f"1 of {total}", "1"]
            open_(page, (book_dir / PRACTICE).as_uri())
            assert block(page, q["id"]).locator(".tp-quiz-feedback").inner_text().startswith("Your saved answer")
        context.close()


@pytest.mark.parametrize("raw, reason", [
    ("{not json", "not valid JSON"),
    ('{"hello": 1}', "not written by this course"),
    ('{"format": "low-back-trigger-points/progress", "version": 0, "answers": {}, "visits": {}, "cards": {}}', "an older version"),
    ('{"format": "low-back-trigger-points/progress", "version": 1, "answers": {"ql_ribs": {"chapter": 3}}, "visits": {}, "cards": {}}', "without its chapter"),
])
def test_unreadable_storage_gets_a_notice_and_a_reset_never_a_broken_page(page, book_url, bank, raw, reason):
    open_(page, f"{book_url}/{PROGRESS}")
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(raw)})")
    for where in (PRACTICE, PROGRESS):
        open_(page, f"{book_url}/{where}")
        notice = page.locator(".tp-store-notice")
        assert notice.count() == 1 and reason in notice.inner_text() and "ignored" in notice.inner_text()
    open_(page, f"{book_url}/{PRACTICE}")
    b = answer(page, bank["ql_ribs"], True)
    assert b.locator(".tp-quiz-feedback").inner_text().startswith("Correct."), "the quiz still works"
    assert "Not saved" in page.locator(".tp-quiz-status").first.inner_text() or \
        "Not saved" in " ".join(page.locator(".tp-quiz-status").all_inner_texts())
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == raw, "unreadable storage is never overwritten unasked"
    page.locator(".tp-store-reset").click()
    assert "reset" in page.locator(".tp-store-notice").inner_text()
    b.locator(".tp-quiz-retry").click()
    answer(page, bank["ql_ribs"], True)
    assert stored(page)["answers"]["ql_ribs"]["lastCorrect"] is True


def test_a_full_storage_quota_is_said(page, book_url, bank):
    page.add_init_script("""const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key === "tp-course-progress") { throw new DOMException("full", "QuotaExceededError"); }
            return setItem.call(this, key, value); };""")
    open_(page, f"{book_url}/{PRACTICE}")
    b = answer(page, bank["ql_ribs"], True)
    assert b.locator(".tp-quiz-feedback").inner_text().startswith("Correct.")
    status = " ".join(page.locator('[data-tp-quiz="quadratus_lumborum"] .tp-quiz-status').all_inner_texts())
    assert "storage for the book is full" in status


def test_firefox_from_file_is_told_that_pages_keep_separate_storage(browser, book_dir):
    context = browser.new_context(user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
    page = context.new_page()
    open_(page, (book_dir / PROGRESS).as_uri())
    assert "Firefox" in page.locator(".tp-progress-notices").inner_text()
    context.close()


def test_progress_table_missed_list_links_and_review(page, book_url, bank):
    wrong, right = bank["pir_attachments"], bank["ql_ribs"]
    open_(page, f"{book_url}/{PRACTICE}")
    answer(page, wrong, False)
    answer(page, right, True)
    open_(page, f"{book_url}/{PROGRESS}")
    assert "\t1 of " in row(page, "piriformis") and row(page, "piriformis").split("\t")[3] == "0"
    assert row(page, "quadratus_lumborum").split("\t")[3] == "1"
    assert row(page, "gluteals").endswith("never") and not row(page, "piriformis").endswith("never")
    summary = page.locator(".tp-progress-summary").inner_text()
    assert "answered 2 of" in summary and "1 right at the first try, 1 right in the end, 1 not right at the first try" in summary
    missed = page.locator(".tp-progress-missed li")
    assert missed.count() == 1 and wrong["question"] in missed.inner_text() and "last review: not yet" in missed.inner_text()

    review = page.locator("[data-tp-review]")
    shown = review.locator(".tp-quiz-q:visible")
    assert shown.count() == 1 and shown.get_attribute("data-tp-qid") == wrong["id"]
    assert shown.locator(".tp-quiz-num").inner_text().startswith("Question 1 of 1")
    assert not shown.locator("input:checked").count(), "a review starts blank"
    answer(page, wrong, True, root="[data-tp-review]")
    assert shown.locator(".tp-quiz-feedback").inner_text().startswith("Correct.")
    assert review.locator(".tp-quiz-score").inner_text() == "Right at the first try: 1 of 1; right in the end: 1 of 1"
    assert stored(page)["answers"][wrong["id"]]["firstCorrect"] is False, "a review keeps the first-try result"
    page.reload(wait_until="load")
    assert "last review: right" in page.locator(".tp-progress-missed li").inner_text()
    assert not axe(page)

    page.locator(".tp-progress-missed a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{PRACTICE}#tpq-{wrong['id']}")
    assert page.evaluate("document.activeElement.closest('[data-tp-qid]').dataset.tpQid") == wrong["id"]


def test_the_review_can_be_limited_to_chosen_lessons(page, book_url, bank):
    """Issue 28: the flashcards' lesson choice, on the review; answers missed in two lessons."""
    pir, ql = bank["pir_attachments"], bank["ql_ribs"]
    open_(page, f"{book_url}/{PRACTICE}")
    answer(page, pir, False)
    answer(page, ql, False)
    open_(page, f"{book_url}/{PROGRESS}")
    review = page.locator("[data-tp-review]")
    shown = lambda: sorted(review.locator(".tp-quiz-q:visible").evaluate_all("bs => bs.map(b => b.dataset.tpQid)"))
    assert shown() == sorted([pir["id"], ql["id"]])
    choice = review.locator("fieldset.tp-lessons")
    assert choice.locator("legend").inner_text() == "Lessons to review"
    for box in choice.locator("input.tp-lesson").all():  # by keyboard, as a reader without a mouse
        if box.get_attribute("value") != "piriformis":
            box.focus()
            page.keyboard.press("Space")
    assert shown() == [pir["id"]], "only the ticked lesson's missed question"
    only = review.locator(".tp-quiz-q:visible")
    assert only.locator(".tp-quiz-num").inner_text().startswith("Question 1 of 1")
    assert review.locator(".tp-quiz-score").inner_text() == "Right at the first try: 0 of 1; right in the end: 0 of 1"
    review.locator("input.tp-lesson[value='piriformis']").uncheck()
    none = review.locator(".tp-quiz-none")
    assert shown() == [] and none.is_visible()
    assert none.inner_text() == "Nothing to review in the lessons ticked: 2 missed questions are in the others."
    review.locator("input.tp-lesson[value='quadratus_lumborum']").check()
    assert shown() == [ql["id"]] and not none.is_visible()
    assert not axe(page)


def test_nothing_to_review_says_so(page, book_url):
    open_(page, f"{book_url}/{PROGRESS}")
    assert page.locator("[data-tp-review] .tp-quiz-none").is_visible()
    assert page.locator("[data-tp-review] .tp-quiz-q:visible").count() == 0
    assert page.locator(".tp-progress-summary").inner_text() == "No answers are stored in this browser yet."


def test_export_erase_import_round_trip(page, book_dir, bank, tmp_path):
    open_(page, (book_dir / PRACTICE).as_uri())
    answer(page, bank["pir_attachments"], False)
    answer(page, bank["ql_ribs"], True)
    open_(page, (book_dir / PROGRESS).as_uri())
    before = stored(page)
    with page.expect_download() as info:
        page.locator(".tp-progress-export").click()
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    assert exported.name.startswith("trigger-points-progress-") and json.loads(exported.read_text()) == before

    page.locator(".tp-progress-erase").click()
    assert page.evaluate("document.activeElement.className") == "tp-progress-no", "focus on the safe choice"
    page.keyboard.press("Enter")
    assert stored(page) == before and "Nothing was changed" in page.locator(".tp-progress-message").inner_text()
    page.locator(".tp-progress-erase").click()
    with page.expect_navigation():
        page.locator(".tp-progress-yes").click()
    assert stored(page) is None and page.locator(".tp-progress-message").inner_text() == "Your answers were erased."
    assert page.locator(".tp-progress-missed li").count() == 0

    with page.expect_navigation():
        page.locator(".tp-progress-import").set_input_files(str(exported))
    assert stored(page) == before and "imported" in page.locator(".tp-progress-message").inner_text()
    assert page.locator(".tp-progress-missed li").count() == 1

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}')
    page.locator(".tp-progress-import").set_input_files(str(bad))
    page.wait_for_function("document.querySelector('.tp-progress-confirm').hidden === false")
    page.locator(".tp-progress-yes").click()
    assert "cannot be used" in page.locator(".tp-progress-message").inner_text() and stored(page) == before


def test_a_missed_map_question_is_shown_with_its_map(page, book_url, bank):
    """Every "whose map is this?" question is worded alike: the missed one is shown by its map."""
    q = next(q for q in bank.values() if q["kind"] == "whose_map" and q["chapter"] == "comparison")
    open_(page, f"{book_url}/{PRACTICE}")
    answer(page, q, False)
    open_(page, f"{book_url}/{PROGRESS}")
    item = page.locator(".tp-progress-missed li")
    assert item.count() == 1 and q["question"] in item.inner_text()
    image = item.locator("img.tp-progress-missed-map")
    assert image.count() == 1 and image.evaluate("i => i.complete && i.naturalWidth > 0"), "the map is drawn"
    label = page.locator(f'[data-tp-review] [data-tp-qid="{q["id"]}"] .tp-quiz-map svg').get_attribute("aria-label")
    assert label in image.get_attribute("alt")
    assert not axe(page)
