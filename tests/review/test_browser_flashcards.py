"""Flashcards in the book: Leitner boxes kept in the browser, worked by keyboard alone."""

import json

from triggerpoints.review import review_cards

PAGE = "book/flashcards.html"
KEY = "tp-course-progress"


def open_(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_timeout(100)


def boxes(page):
    return page.locator(".tp-cards-boxes li").all_inner_texts()


def current(page):
    return page.locator(".tp-card-item:visible")


def test_a_session_by_keyboard_moves_cards_between_boxes(page, book_url):
    from axe_playwright_python.sync_playwright import Axe

    n = len(review_cards())
    open_(page, f"{book_url}/{PAGE}")
    assert boxes(page)[0] == f"Box 1 (every session): {n} cards" and boxes(page)[1] == "Box 2 (again after 1 day): 0 cards"
    assert current(page).count() == 1 and not current(page).locator(".tp-card-back").is_visible()
    first = current(page).get_attribute("data-tp-card")

    page.locator(".tp-cards-show").focus()
    page.keyboard.press("Enter")                     # Show answer
    assert current(page).locator(".tp-card-back").is_visible()
    assert "Source: " in current(page).locator(".tp-card-source").inner_text()
    assert page.evaluate("document.activeElement.className") == "tp-cards-knew"
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                          "resultTypes": ["violations"], "preload": False}).response["violations"]
    assert not violations, [v["id"] for v in violations]
    page.keyboard.press("Enter")                     # I knew it
    second = current(page).get_attribute("data-tp-card")
    assert second != first and page.evaluate("document.activeElement.className") == "tp-cards-show"

    page.keyboard.press("Space")                     # Show answer
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "tp-cards-again"
    page.keyboard.press("Enter")                     # Not yet
    cards = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["cards"]
    assert cards[first]["box"] == 2 and cards[second]["box"] == 1
    assert cards[first]["due"] == cards[second]["due"] + 1, "box 2 waits one day"
    assert boxes(page)[:2] == [f"Box 1 (every session): {n - 1} cards", "Box 2 (again after 1 day): 1 card"]

    page.reload(wait_until="load")
    assert boxes(page)[1] == "Box 2 (again after 1 day): 1 card", "the boxes survive a reload"
    assert f"{n - 1} still to go" in page.locator(".tp-cards-status").inner_text(), "a card known today is not due again today"


def test_when_nothing_is_due_the_next_date_is_given_and_every_card_can_be_practised(page, book_url):
    cards = review_cards()
    open_(page, f"{book_url}/{PAGE}")
    later = {"format": "low-back-trigger-points/progress", "version": 1, "answers": {}, "visits": {},
             "cards": {c.id: {"box": 3, "due": 10 ** 6} for c in cards}}
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(later))})")
    page.reload(wait_until="load")
    assert page.locator(".tp-cards-status").inner_text().startswith("No cards are due now. The next is due on")
    assert current(page).count() == 0 and boxes(page)[2] == f"Box 3 (again after 3 days): {len(cards)} cards"
    page.locator(".tp-cards-all").focus()
    page.keyboard.press("Enter")
    assert current(page).count() == 1 and page.evaluate("document.activeElement.className") == "tp-cards-show"


def test_a_map_card_shows_an_anonymous_map_with_alt_text(page, book_dir):
    open_(page, (book_dir / PAGE).as_uri())
    card = page.locator('.tp-card-item[data-tp-card="map_piriformis"]')
    svg = card.locator('svg[role="img"]')
    assert svg.count() == 1
    label = svg.get_attribute("aria-label") or svg.locator("title").first.text_content()
    assert "This muscle" in label and "iriformis" not in label


def test_cards_come_shuffled_not_in_lesson_order(browser, book_url):
    """Card order must not answer "whose map is this?": a fresh session starts on varied cards."""
    firsts = set()
    for _ in range(6):
        context = browser.new_context()
        page = context.new_page()
        open_(page, f"{book_url}/{PAGE}")
        firsts.add(current(page).get_attribute("data-tp-card"))
        context.close()
    assert len(firsts) > 1, f"six fresh sessions all began with {firsts}"


def test_the_session_can_be_limited_to_chosen_lessons(page, book_url):
    from triggerpoints.knowledge import loaded

    kb = loaded()
    chapter = dict(zip(kb.muscles["id"], kb.muscles["chapter"]))
    piriformis = [c.id for c in review_cards() if "piriformis" in {chapter[m] for m in c.muscles}]
    open_(page, f"{book_url}/{PAGE}")
    for box in page.locator("input.tp-lesson").all():
        if box.get_attribute("value") != "piriformis":
            box.uncheck()
    assert f"{len(piriformis)} still to go" in page.locator(".tp-cards-status").inner_text()
    seen = []
    for _ in piriformis:
        seen.append(current(page).get_attribute("data-tp-card"))
        page.locator(".tp-cards-show").click()
        page.locator(".tp-cards-knew").click()
    assert sorted(seen) == sorted(piriformis), "only the ticked lesson's cards, each once"
    page.locator("input.tp-lesson[value='piriformis']").uncheck()
    assert "No lesson is ticked" in page.locator(".tp-cards-status").inner_text()
