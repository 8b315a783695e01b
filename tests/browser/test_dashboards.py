"""What a learner does on each dashboard, in Chromium against a real Voila server.

For every dashboard: each control changes what is shown, by mouse and by keyboard
alone. The ``dashboard`` fixture also fails on console errors, error outputs and any
request that leaves localhost, and saves a screenshot.
"""
from __future__ import annotations

import re

import mbc_edu
from playwright.sync_api import expect

WAIT = 15_000  # ms for the kernel to answer a control


def live(page):
    """The region the app updates (the last polite live region on the page)."""
    return page.locator("[aria-live=polite]").last


def focused_text(page) -> str:
    return page.evaluate("() => (document.activeElement.innerText || document.activeElement.value || '').trim()")


def tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab (from the top of the page) until ``locator`` has the keyboard focus."""
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        # Resolved afresh each time: a widget may have re-drawn the element since the last press.
        if locator.evaluate("(el) => document.activeElement === el || el.contains(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def check_toggle_buttons(board):
    """Click the second button, then choose the third with the keyboard only."""
    page = board.page
    buttons = page.locator(".widget-toggle-buttons button")
    expect(buttons.nth(2)).to_be_visible(timeout=WAIT)
    labels = [buttons.nth(i).inner_text().strip() for i in range(3)]
    buttons.nth(1).click()
    expect(live(page).locator("h3").first).to_have_text(labels[1], timeout=WAIT)
    tab_to(page, buttons.nth(1))
    page.keyboard.press("Tab")
    assert focused_text(page) == labels[2]
    page.keyboard.press("Space")
    expect(live(page).locator("h3").first).to_have_text(labels[2], timeout=WAIT)


def test_start_page_links_open_lessons(dashboard):
    board = dashboard("01-Start-here.ipynb")
    page = board.page
    links = page.locator("nav.mbc-nav a")
    expect(links).to_have_count(len(mbc_edu.load("lessons")), timeout=WAIT)
    tab_to(page, links.nth(2))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"03-Where-it-spreads\.ipynb$"), timeout=WAIT)
    page.wait_for_selector(".mbc-bodymap-wide", timeout=30_000)


def test_basics_topics(dashboard):
    check_toggle_buttons(dashboard("02-What-is-MBC.ipynb"))


def test_site_picker_by_map_list_and_keyboard(dashboard):
    page = dashboard("03-Where-it-spreads.ipynb").page
    sites = mbc_edu.load("sites").set_index("id")["name"]
    heading = page.locator(".mbc-app [aria-live=polite] > h2")
    expect(heading).to_have_text(sites.iloc[0], timeout=WAIT)
    page.locator('.mbc-bodymap-wide .mbc-site[data-site="brain"] text').click()
    expect(heading).to_have_text(sites["brain"], timeout=WAIT)
    expect(page.get_by_role("radio", name=sites["brain"], exact=True)).to_be_checked(timeout=WAIT)
    expect(page.locator('.mbc-bodymap-wide .mbc-site[data-site="brain"]')).to_have_attribute("aria-pressed", "true")
    # keyboard on the map
    tab_to(page, page.locator('.mbc-bodymap-wide .mbc-site[data-site="lung"]'))
    page.keyboard.press("Enter")
    expect(heading).to_have_text(sites["lung"], timeout=WAIT)
    # keyboard on the list
    tab_to(page, page.locator(".widget-radio-box input:checked"))
    page.keyboard.press("ArrowDown")
    after_lung = sites.index[list(sites.index).index("lung") + 1]
    expect(heading).to_have_text(sites[after_lung], timeout=WAIT)
    expect(page.locator(f'.mbc-bodymap-wide .mbc-site[data-site="{after_lung}"]')).to_have_attribute("aria-pressed", "true")
    # a lobular-only site is marked in words
    page.locator('.mbc-bodymap-wide .mbc-site[data-site="behind-eye"] .mbc-dot').click()
    expect(live(page)).to_contain_text("Mostly with lobular breast cancer", timeout=WAIT)


def test_symptom_explorer(dashboard):
    page = dashboard("04-Symptoms.ipynb").page
    status = live(page)
    expect(status).to_contain_text("No sign is ticked yet", timeout=WAIT)
    boxes = page.locator(".widget-checkbox input[type=checkbox]")
    boxes.nth(0).click()
    expect(status).to_contain_text("1 sign ticked", timeout=WAIT)
    expect(status).to_contain_text("Can point to")
    tab_to(page, boxes.nth(1))
    page.keyboard.press("Space")
    expect(status).to_contain_text("2 signs ticked", timeout=WAIT)
    tab_to(page, page.get_by_role("button", name="Clear all"))
    page.keyboard.press("Enter")
    expect(status).to_contain_text("No sign is ticked yet", timeout=WAIT)
    assert not boxes.nth(0).is_checked()


def test_test_explorer(dashboard):
    page = dashboard("05-Tests.ipynb").page
    tests = mbc_edu.load("tests")["name"].tolist()
    heading = page.locator(".mbc-app [aria-live=polite] > h2")
    expect(heading).to_have_text(tests[0], timeout=WAIT)
    page.locator(".widget-select select").select_option(label=tests[3])
    expect(heading).to_have_text(tests[3], timeout=WAIT)
    tab_to(page, page.locator(".widget-select select"))
    page.keyboard.press("ArrowDown")
    expect(heading).to_have_text(tests[4], timeout=WAIT)
    expect(live(page)).to_contain_text("What it is like")


def test_numbers(dashboard):
    board = dashboard("06-The-numbers.ipynb")
    check_toggle_buttons(board)
    expect(live(board.page)).to_contain_text("What the picture shows")
    expect(board.page.locator(".js-plotly-plot")).to_be_visible(timeout=WAIT)


def test_treatment(dashboard):
    check_toggle_buttons(dashboard("07-Treatment.ipynb"))


def test_living(dashboard):
    check_toggle_buttons(dashboard("08-Living-with-MBC.ipynb"))


def test_quiz_by_mouse_and_keyboard(dashboard):
    page = dashboard("09-Check-yourself.ipynb").page
    quiz = mbc_edu.load("quiz")
    lessons = mbc_edu.load("lessons").set_index("id")
    ordered = quiz.assign(rank=quiz["lesson_id"].map(lessons["number"])).sort_values(["rank", "order"])
    first, second = ordered.iloc[0], ordered.iloc[1]
    feedback = page.locator("[role=status]")
    page.get_by_role("button", name="Check my answer").click()
    expect(feedback).to_contain_text("Choose an answer first", timeout=WAIT)
    page.get_by_label(first["choice_" + first["answer"]], exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(feedback).to_contain_text("Right.", timeout=WAIT)
    expect(page.locator(".mbc-app")).to_contain_text("1 right out of 1 answered")
    # keyboard only: next question, pick with the arrow keys, check with Enter
    tab_to(page, page.get_by_role("button", name="Next question"))
    page.keyboard.press("Enter")
    expect(page.locator(".mbc-app")).to_contain_text("Question 2 of", timeout=WAIT)
    expect(page.locator(".widget-radio-box label").first).to_have_text(second["choice_a"], timeout=WAIT)
    tab_to(page, page.locator(".widget-radio-box input").first)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Check my answer"))
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text(re.compile(r"Right\.|Not quite\."), timeout=WAIT)
    expect(page.locator(".mbc-app")).to_contain_text("out of 2 answered")
    # choosing a lesson starts its questions
    page.locator(".widget-dropdown select").select_option(label=lessons.at["numbers", "title"])
    expect(page.locator(".mbc-app")).to_contain_text("Question 1 of", timeout=WAIT)


def test_glossary_search(dashboard):
    page = dashboard("10-Glossary.ipynb").page
    total = len(mbc_edu.load("glossary"))
    status = live(page)
    expect(status).to_contain_text(f"{total} of {total} words shown", timeout=WAIT)
    tab_to(page, page.locator(".widget-text input"))
    page.keyboard.type("biops")
    expect(status.locator("dt").first).to_have_text("Biopsy", timeout=WAIT)
    assert status.locator("dt").count() < total


def test_words_to_know_open_by_keyboard(dashboard):
    page = dashboard("02-What-is-MBC.ipynb").page
    summary = page.locator("details.mbc-words summary").first
    tab_to(page, summary)
    page.keyboard.press("Enter")
    expect(page.locator("details.mbc-words").first).to_have_attribute("open", "", timeout=WAIT)


def test_server_root_opens_the_start_page(voila_server, browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(voila_server.url)
        page.wait_for_url(re.compile(r"/voila/render/01-Start-here\.ipynb$"), timeout=WAIT)
        expect(page.locator("nav.mbc-nav a").first).to_be_visible(timeout=30_000)
    finally:
        context.close()
