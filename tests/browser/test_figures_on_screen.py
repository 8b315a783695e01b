"""The teaching pictures in a real browser: shown where they belong, axe clean, and on a phone
nothing runs off the side and no text is under 14 px (lesson 8's shows only with its theme)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_phones import LAYOUT_JS, PHONE, WAIT

LESSONS = {"07-Treatment.ipynb": None, "08-Living-with-MBC.ipynb": "Palliative care and hospice",
           "10-Glossary.ipynb": None}


@pytest.mark.parametrize("notebook", LESSONS)
def test_picture_is_shown_and_fits_a_phone(notebook, dashboard, axe_check):
    page = dashboard(notebook, **PHONE).page
    picture = page.locator("figure.mbc-picture:visible")
    if LESSONS[notebook]:
        expect(picture).to_have_count(0)
        page.get_by_role("button", name=LESSONS[notebook], exact=True).click()
    expect(picture).to_have_count(1, timeout=WAIT)
    expect(picture.locator("figcaption")).to_contain_text("What the picture shows:")
    found = page.evaluate(LAYOUT_JS)
    assert (found["page"], found["wide"], found["small"]) == (0, [], [])
    axe_check(page)
