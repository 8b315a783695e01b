"""The teaching pictures in a real browser: shown where they belong, axe clean, and on a wide screen
and a phone nothing runs off the side and no text is under 14 px (lesson 2's and 8's two show only with
their theme)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_phones import LAYOUT_JS, PHONE, WAIT

PICTURES = [("02-What-is-MBC.ipynb", "How it spreads"), ("05-Tests.ipynb", None), ("07-Treatment.ipynb", None),
            ("08-Living-with-MBC.ipynb", "Palliative care and hospice"), ("08-Living-with-MBC.ipynb", "Pain control"),
            ("10-Glossary.ipynb", None), ("11-When-to-get-help.ipynb", None)]  # (lesson, the theme that shows it)
SCREENS = {"phone": PHONE, "wide": {"viewport": {"width": 1280, "height": 900}}}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("notebook, theme", PICTURES)
def test_picture_is_shown_and_fits_the_screen(notebook, theme, screen, dashboard, axe_check):
    page = dashboard(notebook, **SCREENS[screen]).page
    picture = page.locator("figure.mbc-picture:visible")
    if theme:
        expect(picture).to_have_count(0)
        page.get_by_role("button", name=theme, exact=True).click()
    expect(picture).to_have_count(1, timeout=WAIT)
    expect(picture.locator("figcaption")).to_contain_text("What the picture shows:")
    assert picture.locator("svg").first.bounding_box()["width"] > 40  # drawn, not collapsed
    found = page.evaluate(LAYOUT_JS)
    assert (found["page"], found["wide"], found["small"]) == (0, [], [])
    axe_check(page)


@pytest.mark.parametrize("screen", SCREENS)
def test_pain_scale_reads_left_to_right_with_its_ends_under_it(screen, dashboard):
    """Lesson 8: eleven boxes 0 to 10 on one line (also on a phone), 'no pain' under the left end
    and 'the worst pain' under the right end, then what to do with the number."""
    page = dashboard("08-Living-with-MBC.ipynb", **SCREENS[screen]).page
    page.get_by_role("button", name="Pain control", exact=True).click()
    picture = page.locator("figure.mbc-picture:visible")
    expect(picture).to_contain_text("Rate your pain from 0 to 10", timeout=WAIT)
    numbers = picture.locator("svg text")
    expect(numbers).to_have_count(11)
    places = [numbers.nth(n).bounding_box() for n in range(11)]
    assert [numbers.nth(n).text_content() for n in range(11)] == [str(n) for n in range(11)]
    assert all(a["x"] < b["x"] and abs(a["y"] - b["y"]) < 1 for a, b in zip(places, places[1:]))  # one row
    scale = picture.locator("svg").first.bounding_box()
    none = picture.get_by_text("0: no pain", exact=True).bounding_box()
    worst = picture.get_by_text("10: the worst pain you can imagine", exact=True).bounding_box()
    assert abs(none["x"] - scale["x"]) < 2 and none["y"] >= scale["y"] + scale["height"] - 1  # under the left end
    assert abs(worst["x"] + worst["width"] - scale["x"] - scale["width"]) < 2  # and under the right end
    expect(picture).to_contain_text("Write down your number")
