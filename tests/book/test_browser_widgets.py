"""Every widget on every page of the built book answers the mouse and the keyboard.

The tools' own tests go deep on their own pages; this one goes wide: each explorer,
quiz and pain finder that any lesson embeds is found and operated, so a widget that a
page shows but never wires up cannot slip through.
"""

import re

import pytest

from test_browser_book import PAGES, open_page

WIDGETS = "[data-tp-explorer], [data-tp-quiz], [data-tp-finder]"
WIDGET_ATTRIBUTE = re.compile(r"\bdata-tp-(?:explorer|quiz|finder)[\s=>]")  # the same, in page text
CONTROL = "input:not([disabled]):not([type=hidden])"


def checked(control):
    return control.evaluate("el => el.checked")


def operate(page, widget, by_keyboard):
    """Change the first live control, then use the next enabled button; True if the widget answered.

    Elements are pinned as handles before acting: once a quiz question is answered its
    inputs lock, and a lazy locator would slide on to the next question.
    """
    control = widget.locator(CONTROL).first.element_handle()
    button = control.query_selector("xpath=following::button[not(@hidden) and not(@disabled)][1]")
    status = control.query_selector("xpath=following::*[@aria-live][1]")
    before, was = status.inner_text(), checked(control)
    if by_keyboard:
        control.focus()
        page.keyboard.press("Space")
    else:
        control.click()
    assert checked(control) != was or control.get_attribute("type") == "radio" and checked(control), \
        "the first control did not change"
    middle = status.inner_text()
    if button is None:  # every later button is disabled in this state (the explorer says why): the control alone
        return before != middle
    if by_keyboard:
        tab_to(page, button)
        page.keyboard.press("Enter")
    else:
        button.click()
    return before != middle or middle != status.inner_text()


def tab_to(page, element):
    """Move focus with the Tab key alone until it reaches the element."""
    for _ in range(200):
        if element.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {element.inner_text()!r}")


def widget_pages(book_dir):
    return [name for name in PAGES if WIDGET_ATTRIBUTE.search((book_dir / name).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("name", PAGES)
def test_every_widget_works_by_mouse_and_by_keyboard(page, book_url, book_dir, name):
    if name not in widget_pages(book_dir):
        pytest.skip(f"{name} has no widget")
    open_page(page, f"{book_url}/{name}")
    widgets = page.locator(WIDGETS)
    assert widgets.count() > 0
    for i in range(widgets.count()):
        widget = widgets.nth(i)
        widget.scroll_into_view_if_needed()
        assert operate(page, widget, by_keyboard=False), f"{name} widget {i}: no answer to the mouse"
        assert operate(page, widget, by_keyboard=True), f"{name} widget {i}: no answer to the keyboard"


def test_the_lessons_embed_widgets(book_dir):
    lessons = [n for n in widget_pages(book_dir) if n.startswith("notebooks/")]
    assert len(lessons) >= 10, lessons
