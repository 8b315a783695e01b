"""My questions and the help card in Chromium against a real Voila server.

Picks kept in the browser across lessons and reloads, by mouse and by keyboard; the list
printed on its own and saved as a text file; the help card printed as one page. The
``dashboard`` fixture also fails on any request that leaves localhost.
"""
from __future__ import annotations

import re

import mbc_edu
from mbc_edu.questions import QuestionList
from mbc_edu.render import Page
from mbc_edu.testing import READY_JS
from playwright.sync_api import expect
from test_dashboards import WAIT, tab_to

FIRST, SECOND = "02-What-is-MBC.ipynb", "10-Glossary.ipynb"
OWN = "<b>Can I still</b> go on my trip in May?"
STUB_PRINT = "() => { window.printed = 0; window.print = () => { window.printed += 1; }; }"


def print_with(page, press) -> None:
    """Call ``press()`` (a click, or keys on a print button), wait for the page to call
    window.print() once, then show the page as printed."""
    page.evaluate(STUB_PRINT)
    press()
    page.wait_for_function("window.printed === 1", timeout=WAIT)
    page.emulate_media(media="print")


def by_keyboard(page, button):
    """A ``press`` for :func:`print_with`: Tab to ``button``, then Enter."""
    return lambda: (tab_to(page, button), page.keyboard.press("Enter"))


def row(lesson_id: str, n: int):
    """The lesson's ``n``-th question (from 0)."""
    rows = mbc_edu.load("questions")
    return rows[rows["lesson_id"] == lesson_id].sort_values("order").iloc[n]


def question(lesson_id: str, n: int) -> str:
    return row(lesson_id, n)["question"]


def box(page, lesson_id: str, n: int):
    """The tick box of the lesson's ``n``-th question, found by its label as shown: the question with
    a medical word's plain meaning in brackets at its first use."""
    shown = QuestionList(Page.create(), lesson_id).boxes[row(lesson_id, n)["id"]].description
    return page.locator(".mbc-questions").get_by_label(shown, exact=True)


def go(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function(READY_JS, timeout=30_000, polling=100)


def my_list(page):
    return page.locator(".mbc-my-questions")


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="Letter")))


def test_picks_from_two_lessons_survive_moving_and_reloading(dashboard, voila_server, axe_check):
    board = dashboard(FIRST)
    page = board.page
    first, second = question("basics", 1), question("glossary", 0)
    status = my_list(page).locator("[aria-live=polite]")
    expect(status).to_have_text(re.compile("Your list is empty"), timeout=WAIT)
    box(page, "basics", 1).click()  # by mouse
    expect(status).to_have_text("1 question in your list.", timeout=WAIT)

    go(page, voila_server.render_url(SECOND))  # the next lesson, keyboard only
    expect(my_list(page).locator("li")).to_have_text([re.compile(re.escape(first))], timeout=WAIT)
    second_box = box(page, "glossary", 0)
    tab_to(page, second_box)
    page.keyboard.press("Space")
    expect(second_box).to_be_checked(timeout=WAIT)
    tab_to(page, page.get_by_label("Write your own question"))
    page.keyboard.type(OWN)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText.trim()") == "Add my question"
    page.keyboard.press("Enter")
    expect(status).to_have_text("3 questions in your list.", timeout=WAIT)
    expect(page.get_by_label("Write your own question")).to_have_value("")

    page.reload(wait_until="domcontentloaded")
    page.wait_for_function(READY_JS, timeout=30_000, polling=100)
    texts = my_list(page).locator(".mbc-question-text")
    expect(texts).to_have_text([first, second, OWN], timeout=WAIT)  # the own words as text, never markup
    assert my_list(page).locator("b").count() == 0
    expect(box(page, "glossary", 0)).to_be_checked()
    axe_check(page)

    go(page, voila_server.render_url(FIRST))  # back: the box ticked there is ticked again
    expect(box(page, "basics", 1)).to_be_checked(timeout=WAIT)
    remove = my_list(page).get_by_role("button", name=f"Remove: {first}")
    tab_to(page, remove)
    page.keyboard.press("Enter")
    expect(texts).to_have_text([second, OWN], timeout=WAIT)
    expect(box(page, "basics", 1)).not_to_be_checked()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Remove: {second}"
    stored = page.evaluate("JSON.parse(localStorage.getItem('mbc-edu:questions'))")
    assert stored == {"items": [{"id": row("glossary", 0)["id"]}, {"text": OWN}]}


def test_two_tabs_of_one_browser_follow_each_other(dashboard, voila_server):
    board = dashboard(FIRST)
    other = board.context.new_page()  # same browser, so the same localStorage
    go(other, voila_server.render_url(FIRST))
    expect(my_list(other).locator("[aria-live=polite]")).to_have_text(re.compile("Your list is empty"), timeout=WAIT)
    box(board.page, "basics", 3).click()
    expect(box(other, "basics", 3)).to_be_checked(timeout=WAIT)
    expect(my_list(other).locator(".mbc-question-text")).to_have_text([question("basics", 3)])


def test_print_and_save_hold_only_the_list(dashboard):
    page = dashboard(FIRST).page
    picks = [question("basics", 0), question("basics", 2)]  # the first one's label has a meaning in brackets
    for n in (0, 2):
        box(page, "basics", n).click()
    expect(my_list(page).locator(".mbc-question-text")).to_have_text(picks, timeout=WAIT)
    # the box's title once; the gathered list has a heading of its own
    expect(page.get_by_role("heading", name="My questions for my care team")).to_have_count(1)
    expect(my_list(page).get_by_role("heading", name="My list of questions")).to_have_count(1)

    with page.expect_download(timeout=WAIT) as saving:
        my_list(page).get_by_role("button", name="Save my list as a file").click()
    download = saving.value
    assert download.suggested_filename == "my-questions.txt"
    assert download.url.startswith("blob:")
    assert open(download.path(), encoding="utf-8").read() == \
        f"My questions for my care team\n\n1. {picks[0]}\n2. {picks[1]}\n"

    print_with(page, my_list(page).get_by_role("button", name="Print my list").click)
    for text in picks:
        expect(my_list(page).get_by_text(text)).to_be_visible()
    for hidden in (".mbc-notice", ".mbc-questions .widget-checkbox", ".mbc-footer", ".mbc-my-questions button"):
        expect(page.locator(hidden).first).to_be_hidden()
    assert pdf_pages(page) == 1


def test_garbled_storage_starts_an_empty_list(dashboard):
    page = dashboard(FIRST).page
    status = my_list(page).locator("[aria-live=polite]")
    expect(status).to_have_text(re.compile("Your list is empty"), timeout=WAIT)
    for garbled in ("{not json", "[1, 2]", '"text"', "null"):
        page.evaluate("(v) => localStorage.setItem('mbc-edu:questions', v)", garbled)
        page.reload(wait_until="domcontentloaded")
        page.wait_for_function(READY_JS, timeout=30_000, polling=100)
        expect(status).to_have_text(re.compile("Your list is empty"), timeout=WAIT)
    box(page, "basics", 0).click()
    expect(status).to_have_text("1 question in your list.", timeout=WAIT)
    assert page.evaluate("JSON.parse(localStorage.getItem('mbc-edu:questions'))") == \
        {"items": [{"id": row("basics", 0)["id"]}]}


def test_help_card_shows_contacts_and_prints_as_one_page(dashboard, axe_check):
    page = dashboard("11-When-to-get-help.ipynb").page
    card = page.locator(".mbc-help-card")
    levels = mbc_edu.load("urgency_levels").sort_values("order")
    expect(card.locator(".mbc-help-level h3")).to_have_text([re.compile(re.escape(label) + "$")
                                                             for label in levels["label"]], timeout=WAIT)
    contacts = mbc_edu.load("contacts")
    expect(card.locator(".mbc-contacts h3")).to_have_text(contacts.loc[contacts["kind"] == "helpline", "name"].tolist())
    for number, dial in (("1-800-227-2345", "tel:18002272345"), ("911", "tel:911")):  # tap to call on a phone
        expect(card.get_by_role("link", name=number, exact=True).first).to_have_attribute("href", dial)
    expect(page.locator(".mbc-help-line")).to_have_count(0)  # no line pointing to this very lesson
    axe_check(page)
    print_with(page, by_keyboard(page, page.get_by_role("button", name="Print this card")))
    expect(card.locator(".mbc-contacts")).to_be_visible()
    expect(page.locator(".mbc-notice").first).to_be_hidden()
    expect(page.get_by_role("button", name="Print this card")).to_be_hidden()
    assert pdf_pages(page) == 1
