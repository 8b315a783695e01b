"""The nursing track's practice and results, and the instructor guide, in Chromium against Voila.

With "Nursing student" chosen on the switch (by mouse, as a learner does), a case step is
answered by mouse and a priority question by keyboard alone; every option's rationale shows;
the results survive a reload, save as a file holding name, date, score and answers, and print
on their own. The guide renders and prints. The ``dashboard`` fixture also fails on any
request that leaves localhost.
"""
from __future__ import annotations

import re

import mbc_edu
from mbc_edu.results import FILENAME
from mbc_edu.testing import READY_JS
from playwright.sync_api import expect
from test_dashboards import WAIT, tab_to
from test_questions_and_help import by_keyboard, pdf_pages, print_with

LESSON = "04-Symptoms.ipynb"
NAME = "Sam <b>Lee</b>"
TODAY = "(() => { const d = new Date(), p = (n) => String(n).padStart(2, '0'); " \
        "return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; })()"


def options(table: str, column: str, parent: str):
    frame = mbc_edu.load(table)
    return frame[frame[column] == parent].sort_values("key")


def choose_nursing(page) -> None:
    page.locator("fieldset.mbc-audience").get_by_role("radio", name="Nursing student", exact=True).click()
    expect(page.locator(".mbc-nursing")).to_be_visible(timeout=WAIT)


def card(page, heading: str):
    return page.locator(".mbc-answer").filter(has=page.locator("h4", has_text=heading))


def results(page):
    return page.locator(".mbc-results")


def test_case_by_mouse_priority_by_keyboard_results_kept_saved_and_printed(dashboard, axe_check):
    page = dashboard(LESSON).page
    choose_nursing(page)

    step = card(page, "Case step 1 of")
    case = options("case_options", "step_id", "back-pain")
    best = case[case["best"]].iloc[0]
    step.get_by_role("radio", name=f"{best.key}) {best.text}", exact=True).click()
    step.get_by_role("button", name="Check my answer").click()
    feedback = step.locator(".mbc-feedback")
    expect(feedback.locator(".mbc-right")).to_have_text(re.compile("Right"), timeout=WAIT)
    expect(feedback.locator(".mbc-rationales li")).to_have_count(len(case))
    for rationale in case["rationale"]:
        expect(feedback).to_contain_text(rationale)

    questions = mbc_edu.load("nursing_questions")
    question = questions[(questions["lesson_id"] == "symptoms") & (questions["kind"] == "priority")].iloc[0]
    ranked = options("nursing_options", "question_id", question["id"])
    n = list(questions[questions["lesson_id"] == "symptoms"].sort_values("order")["id"]).index(question["id"]) + 1
    priority = card(page, f"Question {n} of")
    for row in ranked.itertuples():  # keyboard alone: Tab to each rank list, arrow down to its rank
        select = priority.get_by_label(f"Rank of {row.key})", exact=True)
        tab_to(page, select, limit=300)
        for _ in range(int(row.rank)):
            page.keyboard.press("ArrowDown")
        expect(select).to_have_value(re.compile(".+"))
    order = ", ".join(f"{row.key} ({row.rank})" for row in ranked.sort_values("rank").itertuples())
    # Only the final ranks give this text (a rank passed on the way down differs), so the kernel has them all.
    expect(priority.locator(".mbc-order")).to_have_text(f"Your order: {order}", timeout=WAIT)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText.trim()") == "Check my answer"
    page.keyboard.press("Enter")
    feedback = priority.locator(".mbc-feedback")
    expect(feedback.locator(".mbc-right")).to_have_text(re.compile("Right"), timeout=WAIT)
    for row in ranked.itertuples():
        expect(feedback).to_contain_text(f"{row.key}) Rank {row.rank} (you ranked it {row.rank}):")
        expect(feedback).to_contain_text(row.rationale)

    panel = results(page)
    score = "Lesson 4, Signs and symptoms: 2 right of 2 answered"
    expect(panel.locator("h4")).to_have_text([re.compile(re.escape(score))], timeout=WAIT)
    panel.get_by_label("Your name").fill(NAME)
    with page.expect_download(timeout=WAIT) as saving:  # saved at once: the file holds the name just typed
        panel.get_by_role("button", name="Save my results as a file").click()
    assert f"\nName: {NAME}\n" in open(saving.value.path(), encoding="utf-8").read()
    expect(panel.locator(".mbc-results-name")).to_have_text(f"Name: {NAME}", timeout=WAIT)
    axe_check(page)

    page.reload(wait_until="domcontentloaded")
    page.wait_for_function(READY_JS, timeout=30_000, polling=100)
    expect(panel.locator("h4")).to_have_text([re.compile(re.escape(score))], timeout=WAIT)
    expect(panel.locator(".mbc-results-name")).to_have_text(f"Name: {NAME}")
    expect(panel.get_by_label("Your name")).to_have_value(NAME)
    expect(step.locator(".mbc-earlier")).to_contain_text(f"Your last answer on this device: {best.key}) {best.text} (right)")
    stored = page.evaluate("JSON.parse(localStorage.getItem('mbc-edu:nursing-results'))")
    assert stored["name"] == NAME and stored["answers"][f"question:{question['id']}"] == \
        {"given": list(ranked.sort_values("rank")["key"]), "right": True, "tries": 1}

    with page.expect_download(timeout=WAIT) as saving:
        panel.get_by_role("button", name="Save my results as a file").click()
    download = saving.value
    assert download.suggested_filename == FILENAME and download.url.startswith("blob:")
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith(f"My results\nName: {NAME}\nDate: {page.evaluate(TODAY)}\n\n{score}")
    assert f"My answer: {best.key}) {best.text}\n     Right" in text
    assert question["stem"] in text and "all or nothing" in text

    print_with(page, panel.get_by_role("button", name="Print my results").click)
    expect(panel.get_by_text(score)).to_be_visible()
    expect(panel.locator(".mbc-results-name")).to_be_visible()
    for hidden in (".mbc-notice", ".mbc-answer", ".mbc-footer", ".mbc-results button", ".mbc-results input"):
        expect(page.locator(hidden).first).to_be_hidden()
    assert 1 <= pdf_pages(page) <= 2


def test_instructor_guide_renders_and_prints(dashboard, axe_check):
    page = dashboard("13-Instructor-guide.ipynb").page
    lessons = mbc_edu.load("lessons")
    taught = lessons[lessons["id"] != "guide"].sort_values("number")
    guide = page.locator(".mbc-guide")
    expect(guide.locator(".mbc-guide-lesson > h2")).to_have_count(len(taught), timeout=WAIT)
    expect(guide.get_by_text("Session plan (50 minutes)")).to_have_count(len(taught))
    # Lessons off screen are laid out only when they come into view (content-visibility), yet
    # they are in the accessibility tree, and they draw when scrolled to.
    last = taught.iloc[-1]
    heading = guide.get_by_role("heading", name=f"Lesson {last['number']}: {last['title']}", exact=True)
    expect(heading).not_to_be_in_viewport()
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_in_viewport()
    expect(guide.locator(".mbc-guide-lesson").last.get_by_text("Session plan (50 minutes)")).to_be_visible()
    axe_check(page)
    page.get_by_label("Guide for").select_option(label="Lesson 4: Signs and symptoms")
    expect(guide.locator(".mbc-guide-lesson > h2")).to_have_text(["Lesson 4: Signs and symptoms"], timeout=WAIT)
    for rationale in options("case_options", "step_id", "back-pain")["rationale"]:
        expect(guide).to_contain_text(rationale)

    print_with(page, by_keyboard(page, page.get_by_role("button", name="Print this guide")))
    expect(guide.get_by_text("Unfolding case: best answers")).to_be_visible()
    expect(page.locator(".mbc-notice").first).to_be_hidden()
    expect(page.get_by_label("Guide for")).to_be_hidden()
    assert pdf_pages(page) >= 2  # one lesson's plan and answer keys
