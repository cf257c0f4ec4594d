"""The search field: the magnifying glass no longer covers the first letter typed."""


def test_the_search_icon_does_not_cover_the_text(page, book_url):
    page.goto(f"{book_url}/index.html")
    page.locator(".search-button-field:visible, .search-button:visible").first.click()
    field = page.locator("#pst-search-dialog input[type='search']")
    field.wait_for(state="visible")
    field.type("psoas")
    icon = page.locator("#pst-search-dialog .fa-magnifying-glass").bounding_box()
    # where the typed text starts: the field's left edge plus its left padding
    text_left = page.evaluate("""() => {
      const el = document.querySelector('#pst-search-dialog input[type=search]');
      return el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft);
    }""")
    assert icon["x"] + icon["width"] <= text_left, (icon, text_left)
