"""The teaching pictures in a real browser: shown where they belong, axe clean, and on a wide screen
and a phone nothing runs off the side and no text is under 14 px (lesson 2's and 8's show only with
their theme)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_phones import LAYOUT_JS, PHONE, WAIT

LESSONS = {"02-What-is-MBC.ipynb": "How it spreads", "05-Tests.ipynb": None, "07-Treatment.ipynb": None,
           "08-Living-with-MBC.ipynb": "Palliative care and hospice", "10-Glossary.ipynb": None,
           "11-When-to-get-help.ipynb": None}
SCREENS = {"phone": PHONE, "wide": {"viewport": {"width": 1280, "height": 900}}}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("notebook", LESSONS)
def test_picture_is_shown_and_fits_the_screen(notebook, screen, dashboard, axe_check):
    page = dashboard(notebook, **SCREENS[screen]).page
    picture = page.locator("figure.mbc-picture:visible")
    if LESSONS[notebook]:
        expect(picture).to_have_count(0)
        page.get_by_role("button", name=LESSONS[notebook], exact=True).click()
    expect(picture).to_have_count(1, timeout=WAIT)
    expect(picture.locator("figcaption")).to_contain_text("What the picture shows:")
    assert picture.locator("svg").first.bounding_box()["width"] > 40  # drawn, not collapsed
    found = page.evaluate(LAYOUT_JS)
    assert (found["page"], found["wide"], found["small"]) == (0, [], [])
    axe_check(page)
