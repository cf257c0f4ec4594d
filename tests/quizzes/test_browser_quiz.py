"""The quizzes in the built book work with no kernel and no network, by mouse and by keyboard."""

import pytest

from triggerpoints.quizzes import options
from triggerpoints.quizzes.bank import load_banks

PAGE = "book/quiz_practice.html"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def bank():
    return {q["id"]: q for qs in load_banks().values() for q in qs}


def open_quiz(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_selector("[data-tp-quiz] .tp-quiz-check")
    page.wait_for_timeout(100)


def block(page, qid):
    return page.locator(f'[data-tp-qid="{qid}"]').first


def answer(question, correct):
    return next(a for a in question["answers"] if a["correct"] is correct)


def key_of(question, text):
    return next(k for k, a in options(question).items() if a["answer"] == text)


def score(page, chapter):
    return page.locator(f'[data-tp-quiz="{chapter}"] .tp-quiz-score').inner_text()


def test_every_chapter_quiz_is_on_the_practice_page(page, book_url, bank):
    open_quiz(page, f"{book_url}/{PAGE}")
    shown = page.eval_on_selector_all("[data-tp-qid]", "els => els.map(e => e.dataset.tpQid)")
    assert sorted(shown) == sorted(bank)
    assert page.locator("[data-tp-quiz] fieldset legend").count() == len(bank)
    maps = page.locator('.tp-quiz-map svg[role="img"]')
    assert maps.count() == sum(q["kind"] == "whose_map" for q in bank.values())


def test_mouse_check_feedback_score_and_retry(page, book_url, bank):
    open_quiz(page, f"{book_url}/{PAGE}")
    q = bank["pir_attachments"]
    b = block(page, q["id"])
    right, wrong = answer(q, True), answer(q, False)

    b.locator("label", has_text=wrong["answer"]).click()
    b.locator(".tp-quiz-check").click()
    feedback = b.locator(".tp-quiz-feedback")
    assert "Not quite" in feedback.inner_text() and wrong["feedback"] in feedback.inner_text()
    assert right["feedback"] not in feedback.inner_text(), "a wrong answer does not give the key away"
    assert feedback.get_attribute("aria-live") == "polite"
    n = len(load_banks(['piriformis'])['piriformis'])
    assert score(page, "piriformis") == f"Right at the first try: 0 of {n}; right in the end: 0 of {n}"

    b.locator(".tp-quiz-retry").click()
    assert feedback.inner_text() == "" and b.locator("input:checked").count() == 0
    b.locator("label", has_text=right["answer"]).click()
    b.locator(".tp-quiz-check").click()
    text = feedback.inner_text()
    assert text.startswith("Correct.") and right["feedback"] in text and "Why not the others?" in text
    assert all(a["feedback"] in text for a in q["answers"]), "after a correct answer every option is explained"
    # one vocabulary with the progress page: a retry is right in the end, never at the first try
    assert score(page, "piriformis") == f"Right at the first try: 0 of {n}; right in the end: 1 of {n}"

    page.locator('[data-tp-quiz="piriformis"] .tp-quiz-reset').click()
    assert score(page, "piriformis") == f"Right at the first try: 0 of {n}; right in the end: 0 of {n}"
    assert feedback.inner_text() == ""


def test_mouse_multiple_select_needs_every_right_option(page, book_url, bank):
    open_quiz(page, f"{book_url}/{PAGE}")
    q = bank["pir_aggravators"]
    b = block(page, q["id"])
    rights = [a for a in q["answers"] if a["correct"]]
    for a in rights[:-1]:
        b.locator("label", has_text=a["answer"]).click()
    b.locator(".tp-quiz-check").click()
    assert "Not quite" in b.locator(".tp-quiz-feedback").inner_text()
    b.locator(".tp-quiz-retry").click()
    for a in rights:
        b.locator("label", has_text=a["answer"]).click()
    b.locator(".tp-quiz-check").click()
    assert b.locator(".tp-quiz-feedback").inner_text().startswith("Correct.")


def test_keyboard_only(page, book_url, bank):
    open_quiz(page, f"{book_url}/{PAGE}")
    q = bank["case_rower_band"]
    b = block(page, q["id"])
    order = b.locator("input").evaluate_all("els => els.map(e => e.value)")
    target = key_of(q, answer(q, True)["answer"])

    b.locator("input").first.focus()
    page.keyboard.press("Space")  # selects the first radio
    for _ in range(order.index(target)):
        page.keyboard.press("ArrowDown")
    assert b.locator("input:checked").get_attribute("value") == target
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "tp-quiz-check"
    page.keyboard.press("Enter")
    assert b.locator(".tp-quiz-feedback").inner_text().startswith("Correct.")
    assert page.evaluate("document.activeElement.className") == "tp-quiz-retry", "focus moves to Try again"

    page.keyboard.press("Enter")  # Try again
    assert b.locator("input:checked").count() == 0
    assert page.evaluate("document.activeElement.type") == "radio", "focus returns to the options"


def test_keyboard_checkboxes(page, book_url, bank):
    open_quiz(page, f"{book_url}/{PAGE}")
    q = bank["tr_core_exercises"]
    b = block(page, q["id"])
    order = b.locator("input").evaluate_all("els => els.map(e => e.value)")
    b.locator("input").first.focus()
    for i, key in enumerate(order):
        if options(q)[key]["correct"]:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
        if i < len(order) - 1:
            assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Enter")
    assert b.locator(".tp-quiz-feedback").inner_text().startswith("Correct.")


def test_checking_nothing_asks_for_an_answer(page, book_url):
    open_quiz(page, f"{book_url}/{PAGE}")
    b = block(page, "cause_stress")
    b.locator(".tp-quiz-check").click()
    assert b.locator(".tp-quiz-feedback").inner_text() == "Choose an answer first."


def test_quiz_works_from_file_and_stays_accessible_after_answering(page, book_dir, bank):
    from axe_playwright_python.sync_playwright import Axe

    open_quiz(page, (book_dir / PAGE).as_uri())
    q = bank["ql_ribs"]
    b = block(page, q["id"])
    b.locator("label", has_text=answer(q, False)["answer"]).click()
    b.locator(".tp-quiz-check").click()
    assert "Not quite" in b.locator(".tp-quiz-feedback").inner_text()
    # preload off: axe would otherwise fetch the stylesheets by XHR, which file:// forbids
    options_ = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "preload": False}
    found = Axe().run(page, context={"include": [["[data-tp-quiz]"]]}, options=options_).response["violations"]
    assert not found, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]
