"""Who is learning, in Chromium against a real Voila server.

The learner chooses "Nursing student" on the start page with the mouse; other lessons then
open in the nursing view, also after a reload; the keyboard alone switches back, and the
patient view holds no nursing text. Both views pass axe. The ``dashboard`` fixture also fails
on any request that leaves localhost.
"""
from __future__ import annotations

import re

import mbc_edu
from mbc_edu.emergencies import FOR_PATIENTS
from mbc_edu.testing import READY_JS
from playwright.sync_api import expect
from test_dashboards import WAIT, tab_to
from test_phones import LAYOUT_JS, PHONE

STORED = "JSON.parse(localStorage.getItem('mbc-edu:audience'))"


def rows(table: str, lesson: str):
    frame = mbc_edu.load(table)
    return frame[frame["lesson_id"] == lesson].sort_values("order")


def radio(page, label: str):
    return page.locator("fieldset.mbc-audience").get_by_role("radio", name=label, exact=True)


def open_lesson(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function(READY_JS, timeout=30_000, polling=100)


def texts_without_meanings(locator) -> list[str]:
    """The elements' texts without the short meanings shown after glossary words."""
    return locator.evaluate_all("(els) => els.map((el) => { const c = el.cloneNode(true); "
                                "c.querySelectorAll('.mbc-short').forEach((s) => s.remove()); "
                                "return c.textContent.replace(/\\s+/g, ' ').trim(); })")


def nursing_texts(lesson: str) -> list[str]:
    """Texts only the nursing view of a lesson shows."""
    texts = list(rows("objectives", lesson)["objective"]) + list(rows("nursing_notes", lesson)["heading"])
    if lesson == "treatment":
        texts += list(mbc_edu.load("therapies")["teach"])
    return texts


def test_nursing_view_chosen_on_start_page_follows_the_learner(dashboard, voila_server, axe_check):
    page = dashboard("01-Start-here.ipynb").page
    expect(radio(page, "Patient or family")).to_be_checked(timeout=WAIT)  # the default
    expect(page.locator(".mbc-objectives")).to_be_hidden()
    radio(page, "Nursing student").click()  # by mouse
    expect(page.locator(".mbc-objectives")).to_be_visible(timeout=WAIT)
    assert page.evaluate(STORED) == {"audience": "nursing"}

    open_lesson(page, voila_server.render_url("07-Treatment.ipynb"))
    objectives = page.locator(".mbc-objectives li")
    wanted = list(rows("objectives", "treatment")["objective"])
    expect(objectives).to_have_count(len(wanted), timeout=WAIT)
    assert texts_without_meanings(objectives) == wanted
    expect(radio(page, "Nursing student")).to_be_checked()
    therapies = mbc_edu.load("therapies").sort_values("order")
    expect(page.locator(".mbc-therapy h4")).to_have_text(list(therapies["name"]))
    first = therapies.iloc[0]
    expect(page.locator(".mbc-therapy").first).to_contain_text(f"FDA approval ({first['year']}):")
    source = mbc_edu.load("sources").set_index("id").at[first["source_id"], "url"]
    expect(page.locator(f'.mbc-sources a[href="{source}"]')).to_have_count(1)  # in the folded footer
    axe_check(page)

    page.reload(wait_until="domcontentloaded")  # still the nursing view
    page.wait_for_function(READY_JS, timeout=30_000, polling=100)
    expect(objectives.first).to_be_visible(timeout=WAIT)
    expect(radio(page, "Nursing student")).to_be_checked()

    tab_to(page, radio(page, "Nursing student"))  # back to the patient view, keyboard alone
    page.keyboard.press("ArrowLeft")
    expect(radio(page, "Patient or family")).to_be_checked(timeout=WAIT)
    expect(page.locator(".mbc-nursing")).to_be_hidden(timeout=WAIT)
    expect(page.locator("fieldset.mbc-audience [aria-live=polite]")).to_have_text(re.compile("patients and families"))
    shown = page.locator(".mbc-app").inner_text()  # the text on screen, as a reader gets it
    assert not [t for t in nursing_texts("treatment") if t in shown]
    expect(page.locator(f'.mbc-sources a[href="{source}"]')).to_have_count(0)
    assert page.evaluate(STORED) == {"audience": "patient"}
    axe_check(page)


def test_patient_view_of_lessons_has_no_nursing_text(dashboard, voila_server):
    page = dashboard("05-Tests.ipynb").page
    expect(radio(page, "Patient or family")).to_be_checked(timeout=WAIT)
    expect(page.locator(".mbc-remember")).to_be_visible()
    shown = page.locator(".mbc-app").inner_text()
    assert "For nursing students" not in shown and "Learning objectives" not in shown
    assert not [t for t in nursing_texts("tests") if t in shown]


def test_emergencies_lesson_for_patients_and_for_nursing(dashboard, axe_check):
    page = dashboard("12-Oncologic-emergencies.ipynb").page
    message = page.locator(".mbc-for-patients")
    expect(message).to_contain_text(FOR_PATIENTS, timeout=WAIT)
    expect(message.get_by_role("link", name=re.compile("When to get help"))).to_have_attribute(
        "href", "11-When-to-get-help.ipynb")
    chooser = page.get_by_label("Choose an emergency")
    expect(chooser).to_be_hidden()
    axe_check(page)
    page.emulate_media(media="print")  # a patient's print holds no emergency card either
    expect(page.locator(".mbc-emergency").first).to_be_hidden()
    page.emulate_media(media="screen")

    tab_to(page, radio(page, "Patient or family"))  # keyboard: the arrow key picks the next choice
    page.keyboard.press("ArrowRight")
    expect(chooser).to_be_visible(timeout=WAIT)
    expect(message).to_be_hidden()
    emergencies = mbc_edu.load("emergencies").sort_values("order")
    options = [t.replace("\xa0", " ") for t in chooser.locator("option").all_inner_texts()]  # ipywidgets: no-break spaces
    assert options == list(emergencies["name"])
    last = emergencies.iloc[-1]
    chooser.select_option(label=last["name"])
    card = page.locator("[aria-live=polite] .mbc-emergency")  # the chosen one (all five are for print)
    expect(card.locator("h4")).to_have_text(last["name"], timeout=WAIT)
    expect(card).to_contain_text("First actions:")
    expect(card).to_contain_text(f"Evidence from {last['year']}.")
    axe_check(page)
    page.emulate_media(media="print")  # the nursing view prints all five, not the chooser
    expect(page.locator(".mbc-handout .mbc-emergency h4")).to_have_text(list(emergencies["name"]))
    expect(page.locator(".mbc-handout .mbc-emergency").first).to_be_visible()
    expect(chooser).to_be_hidden()


def test_nursing_view_fits_a_phone(dashboard, voila_server):
    page = dashboard("07-Treatment.ipynb", **PHONE).page
    radio(page, "Nursing student").click()
    expect(page.locator(".mbc-therapy").first).to_be_visible(timeout=WAIT)
    for url, part in ((None, ".mbc-therapy"), (voila_server.render_url("12-Oncologic-emergencies.ipynb"), ".mbc-emergency")):
        if url:
            open_lesson(page, url)
        expect(page.locator(part).first).to_be_visible(timeout=WAIT)
        found = page.evaluate(LAYOUT_JS)
        assert found["page"] == 0 and found["wide"] == [] and found["small"] == [], found
