"""The site menu (the ☰ button) opens and closes on a phone and on a desktop, by mouse, touch and
keyboard, and gives focus back to its button. pydata-sphinx-theme 0.17 with sphinx-book-theme
wired only the first of two `.primary-toggle` buttons, the hidden one: the visible one did nothing.
"""

import pytest

LESSON = "notebooks/02_quadratus_lumborum.html"
MENU_LINK = "#pst-primary-sidebar-modal a:has-text('Piriformis')"


def _button(page):
    buttons = page.locator(".primary-toggle:visible")
    assert buttons.count() == 1, "one menu button is visible"
    return buttons.first


def _focus_is_on_the_button(page):
    return page.evaluate(
        "() => document.activeElement.classList.contains('primary-toggle')"
        " && document.activeElement.offsetParent !== null")


@pytest.mark.parametrize("how", ["tap", "keyboard"])
def test_the_menu_opens_and_closes_on_a_phone(page, book_url, how):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{book_url}/{LESSON}")
    button = _button(page)
    if how == "tap":
        button.click()
    else:
        button.focus()
        page.keyboard.press("Enter")
    dialog = page.locator("#pst-primary-sidebar-modal")
    page.wait_for_function("() => document.getElementById('pst-primary-sidebar-modal').open")
    assert page.locator(MENU_LINK).is_visible(), "the lessons are listed in the open menu"
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('pst-primary-sidebar-modal').open")
    assert not dialog.is_visible()
    assert page.locator("#pst-primary-sidebar a:has-text('Piriformis')").count() == 1, \
        "the menu went back to its place"
    assert _focus_is_on_the_button(page), "focus is back on the menu button"
    assert button.get_attribute("aria-expanded") == "false"


def test_a_lesson_is_reached_from_the_phone_menu(page, book_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{book_url}/{LESSON}")
    _button(page).click()
    page.locator(MENU_LINK).first.click()
    page.wait_for_url("**/05_piriformis.html")


def test_a_tap_beside_the_open_menu_closes_it(page, book_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{book_url}/{LESSON}")
    _button(page).click()
    page.wait_for_function("() => document.getElementById('pst-primary-sidebar-modal').open")
    box = page.locator("#pst-primary-sidebar-modal").bounding_box()
    page.mouse.click(min(385, box["x"] + box["width"] + 20), 400)
    page.wait_for_function("() => !document.getElementById('pst-primary-sidebar-modal').open")
    assert _focus_is_on_the_button(page)


def test_the_menu_hides_and_shows_the_sidebar_on_a_desktop(page, book_url):
    page.goto(f"{book_url}/{LESSON}")  # 1280 px wide
    link = page.locator("#pst-primary-sidebar a:has-text('Piriformis')")
    assert link.is_visible()
    button = _button(page)
    button.click()
    page.wait_for_function(
        "() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'hidden'")
    assert not link.is_visible(), "the sidebar is hidden"
    assert button.get_attribute("aria-expanded") == "false"
    assert _focus_is_on_the_button(page)
    page.keyboard.press("Enter")  # the focused button, by keyboard
    page.wait_for_function(
        "() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'visible'")
    assert link.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
