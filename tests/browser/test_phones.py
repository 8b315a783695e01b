"""Every lesson on a phone, 360 px wide: nothing runs off the side, no text is under 14 px, and a
word keeps its meaning, a choice its circle."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mbc_edu.serve import notebooks_dir

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1}
WAIT = 15_000
# Parts a lesson draws after it is ready: the check waits for them to be on screen.
DRAWN_LATER = {"06-The-numbers.ipynb": ".js-plotly-plot .bars"}  # bar texts too small for 14 px are hidden

# What a phone shows badly: any visible element whose box runs past the right edge of the
# screen (cut off, or scrolled sideways to), and any visible text under 14 px. SVG text is
# measured as drawn, after the figure is scaled down to the screen.
LAYOUT_JS = """() => {
  const width = document.documentElement.clientWidth;
  const out = {page: document.documentElement.scrollWidth - width, wide: [], small: []};
  const name = (el) => `${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`;
  for (const el of document.querySelectorAll('body *')) {
    if (!el.getClientRects().length) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) out.wide.push(`${name(el)} ends at ${Math.round(box.right)} px`);
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
    if (size < 14) out.small.push(`${name(el)} ${size.toFixed(1)} px: "${el.textContent.trim().slice(0, 40)}"`);
  }
  // Parts that must stay together: a word and its meaning (dt, then its dd under it), and a
  // radio choice's circle and words (the circle on the words' first line, not under them).
  out.apart = [];
  for (const dt of document.querySelectorAll('.mbc-app dt')) {
    const dd = dt.nextElementSibling;
    if (!dt.getClientRects().length || !dd || dd.tagName !== 'DD') continue;
    if (dd.getBoundingClientRect().top < dt.getBoundingClientRect().bottom - 2) out.apart.push(`dt "${dt.textContent.trim()}"`);
  }
  for (const input of document.querySelectorAll('.mbc-app .widget-radio-box input')) {
    const label = input.closest('label');
    if (!input.getClientRects().length || !label) continue;
    if (input.getBoundingClientRect().top > label.getBoundingClientRect().top + 12) out.apart.push(`radio "${label.textContent.trim()}"`);
  }
  return out;
}"""


@pytest.mark.parametrize("notebook", sorted(p.name for p in notebooks_dir().glob("*.ipynb")))
def test_lesson_fits_a_phone(notebook, dashboard):
    page = dashboard(notebook, **PHONE).page
    expect(page.locator(".mbc-app .mbc-sources").first).to_be_visible(timeout=WAIT)  # the last part, drawn
    if notebook in DRAWN_LATER:
        expect(page.locator(DRAWN_LATER[notebook]).first).to_be_visible(timeout=WAIT)
    found = page.evaluate(LAYOUT_JS)
    assert found["page"] == 0, "the page scrolls sideways"
    assert found["wide"] == [], "cut off at the right:\n" + "\n".join(found["wide"][:20])
    assert found["small"] == [], "text under 14 px:\n" + "\n".join(found["small"][:20])
    assert found["apart"] == [], "torn apart:\n" + "\n".join(found["apart"][:20])


def test_body_map_on_a_phone_leads_with_the_list_and_works(dashboard):
    page = dashboard("03-Where-it-spreads.ipynb", **PHONE).page
    expect(page.locator(".mbc-bodymap-narrow")).to_be_visible(timeout=WAIT)
    expect(page.locator(".mbc-bodymap-wide")).to_be_hidden()
    choices = page.get_by_role("radio", name="Brain", exact=True)
    assert choices.bounding_box()["y"] < page.locator(".mbc-bodymap-narrow").bounding_box()["y"]
    page.locator('.mbc-bodymap-narrow .mbc-site[data-site="brain"] text').click()
    expect(page.get_by_role("radio", name="Brain", exact=True)).to_be_checked(timeout=WAIT)


def test_signs_on_a_phone_say_what_changed_under_the_boxes(dashboard):
    page = dashboard("04-Symptoms.ipynb", **PHONE).page
    status = page.locator(".mbc-sign-status [role=status]")
    expect(status).to_have_text("No sign is ticked yet.", timeout=WAIT)
    box = page.locator(".widget-gridbox .widget-checkbox input[type=checkbox]").first
    box.click()
    link = status.get_by_role("link", name="1 sign ticked: see what it can mean below")
    expect(link).to_be_visible(timeout=WAIT)
    expect(box).to_be_focused()  # the status does not take the focus
    page.get_by_role("button", name="Clear all").scroll_into_view_if_needed()
    expect(link).to_be_in_viewport()  # right under the boxes
    expect(page.locator("#mbc-sign-result .mbc-urgency")).not_to_be_in_viewport()
    link.focus()
    page.keyboard.press("Enter")  # by keyboard: down to the result
    expect(page.locator("#mbc-sign-result .mbc-urgency")).to_be_in_viewport(timeout=WAIT)


def test_toggle_buttons_wrap_on_a_phone(dashboard):
    page = dashboard("02-What-is-MBC.ipynb", **PHONE).page
    buttons = page.locator(".widget-toggle-buttons button")
    expect(buttons.first).to_be_visible(timeout=WAIT)
    tops = {round(buttons.nth(i).bounding_box()["y"]) for i in range(buttons.count())}
    assert len(tops) > 1, "the topic buttons stay on one line"
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
