"""What a learner does on each dashboard, in Chromium against a real Voila server.

For every dashboard: each control changes what is shown, by mouse and by keyboard
alone. The ``dashboard`` fixture also fails on console errors, error outputs and any
request that leaves localhost, and saves a screenshot.
"""
from __future__ import annotations

import re
from pathlib import Path

import mbc_edu
from mbc_edu.numbers import newest_first
from mbc_edu.testing import READY_JS, WIDGETS_PLUGIN_ACTIVE_JS
from playwright.sync_api import expect

WAIT = 15_000  # ms for the kernel to answer a control
KERNEL_CHANNELS = re.compile(r"/api/kernels/[^/]+/channels")  # a page's kernel websocket


def live(page):
    """The region the app updates (the last of the app's own polite live regions, not the
    survival figures' or the question list's)."""
    return page.locator(".mbc-app div[aria-live=polite]:not(.mbc-survival)").last


def focused_text(page) -> str:
    return page.evaluate("() => (document.activeElement.innerText || document.activeElement.value || '').trim()")


def tab_to(page, locator, limit: int = 150) -> None:
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
    lessons = mbc_edu.load("lessons")
    links = page.locator('nav.mbc-nav[aria-label="Lessons"] a')
    expect(links).to_have_count(len(lessons[lessons["number"] <= 11]), timeout=WAIT)
    expect(page.get_by_role("link", name="12. Oncologic emergencies")).to_be_hidden()  # nursing view only
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
    boxes = page.locator(".widget-gridbox .widget-checkbox input[type=checkbox]")  # the signs, not other ticks
    boxes.nth(0).click()
    expect(status).to_contain_text("1 sign ticked", timeout=WAIT)
    first = mbc_edu.load("symptoms").iloc[0]  # usually call now; its steps go from 911 down to the next visit
    assert first["urgency_id"] == "call-now" and "911" in first["what_to_do"] and "next visit" in first["what_to_do"]
    label = mbc_edu.load("urgency_levels").set_index("id").at["call-now", "label"]
    expect(status).to_contain_text(f"Usually: {label}")
    call_911 = status.locator(".mbc-urgency-911 strong")  # the emergency case, in bold right under the badge
    expect(call_911).to_have_text(f"Call 911 now if {first['call_911_if']}.")
    assert call_911.evaluate("e => Number(getComputedStyle(e).fontWeight)") >= 700
    expect(status).to_contain_text("first looks for common causes")
    expect(status).to_contain_text("Many other things can cause it too")
    expect(status).to_contain_text("What to do:")
    tab_to(page, boxes.nth(1))
    page.keyboard.press("Space")
    expect(status).to_contain_text("2 signs ticked", timeout=WAIT)
    tab_to(page, page.get_by_role("button", name="Clear all"))
    page.keyboard.press("Enter")
    expect(status).to_contain_text("No sign is ticked yet", timeout=WAIT)
    assert not boxes.nth(0).is_checked()


def test_the_signs_result_stays_in_view_beside_the_boxes(dashboard):
    """Wide screen: ticking a sign far down the list shows its result at once, beside the boxes,
    and focus stays on the box."""
    page = dashboard("04-Symptoms.ipynb", viewport={"width": 1280, "height": 800}).page
    boxes = page.locator(".widget-gridbox .widget-checkbox input[type=checkbox]")
    expect(live(page)).to_contain_text("No sign is ticked yet", timeout=WAIT)
    middle = boxes.nth(boxes.count() // 2)
    middle.scroll_into_view_if_needed()
    middle.click()
    expect(live(page)).to_contain_text("1 sign ticked", timeout=WAIT)
    expect(page.locator("#mbc-sign-result h2")).to_be_in_viewport()
    expect(page.locator("#mbc-sign-result .mbc-urgency").first).to_be_in_viewport()
    assert page.locator(".mbc-sign-panel").bounding_box()["x"] > middle.bounding_box()["x"]  # beside them
    expect(middle).to_be_focused()  # no focus stealing
    boxes.last.evaluate("el => el.scrollIntoView({block: 'end'})")  # scrolled down to the last one
    boxes.last.click()
    expect(live(page)).to_contain_text("2 signs ticked", timeout=WAIT)
    expect(page.locator("#mbc-sign-result h2")).to_be_in_viewport()
    # the status under the boxes links to the result: "beside", not "below", on a wide screen
    expect(page.locator(".mbc-sign-status").get_by_role("link", name="2 signs ticked: see what it can mean",
                                                         exact=True)).to_have_count(1)


def test_test_explorer(dashboard):
    page = dashboard("05-Tests.ipynb").page
    tests = mbc_edu.load("tests")["name"].tolist()
    heading = page.locator(".mbc-app [aria-live=polite] > h2")
    expect(heading).to_have_text(tests[0], timeout=WAIT)
    choices = page.locator(".widget-radio-box").first
    choices.locator("label").nth(3).click()  # by mouse
    expect(heading).to_have_text(tests[3], timeout=WAIT)
    tab_to(page, choices.locator("input").nth(3))  # by keyboard
    page.keyboard.press("ArrowDown")
    expect(heading).to_have_text(tests[4], timeout=WAIT)
    expect(choices.get_by_role("radio", name=re.compile(r"^Bronchoscopy \(.+\)$"))).to_have_count(1)  # says what it is
    for heading in ("Before the test", "During the test", "After the test"):
        expect(live(page)).to_contain_text(heading)


def test_numbers(dashboard):
    board = dashboard("06-The-numbers.ipynb")
    check_toggle_buttons(board)
    expect(live(board.page)).to_contain_text("What the picture shows")
    rem = board.page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert board.page.locator(".mbc-figure svg").first.bounding_box()["width"] <= 22 * rem + 1  # not the screen
    expect(board.page.get_by_role("heading", name="Of women treated for early-stage breast cancer")).to_be_visible()
    expect(board.page.locator(".js-plotly-plot")).to_be_visible(timeout=WAIT)


def test_survival_numbers_only_after_the_choice(dashboard):
    page = dashboard("06-The-numbers.ipynb").page
    stats = mbc_edu.load("statistics")
    survival = newest_first(stats[stats["sensitive"]])
    assert list(survival["data_years"]) == sorted(survival["data_years"], reverse=True)  # newest first
    region = page.locator(".mbc-survival")
    toggle = page.get_by_role("button", name="Show the survival numbers")
    expect(toggle).to_be_visible(timeout=WAIT)
    expect(page.locator(".mbc-app")).to_contain_text("Some people want to see these numbers and some do not.")
    expect(region).to_contain_text("The survival numbers are hidden.")
    for label in survival["label"]:
        expect(page.get_by_text(label, exact=True)).to_have_count(0)
    toggle.click()  # by mouse
    expect(region.locator("h3")).to_have_text(list(survival["label"]), timeout=WAIT)
    expect(region.locator("svg").first).to_be_visible()
    hide = page.get_by_role("button", name="Hide the survival numbers")
    tab_to(page, hide)  # by keyboard: hide, then show again
    page.keyboard.press("Space")
    expect(region).to_contain_text("The survival numbers are hidden.", timeout=WAIT)
    expect(region.locator("h3")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(region.locator("h3")).to_have_text(list(survival["label"]), timeout=WAIT)


def test_print_shows_the_handout_not_the_controls(dashboard):
    page = dashboard("03-Where-it-spreads.ipynb").page
    sites = mbc_edu.load("sites")
    handout = page.locator(".mbc-handout")
    expect(handout).to_be_hidden()  # on screen: the controls, not the handout
    expect(page.locator(".mbc-print-line")).to_contain_text("To print a handout of this whole lesson, press Ctrl+P")
    page.emulate_media(media="print")
    expect(handout).to_be_visible()
    for name in sites["name"]:  # every place, not just the one chosen
        expect(handout.locator("h2", has_text=name).first).to_be_visible()
    for hidden in (".mbc-bodymap", ".widget-select", ".mbc-howto", ".mbc-questions", "button"):
        for i in range(page.locator(hidden).count()):
            expect(page.locator(hidden).nth(i)).to_be_hidden()
    expect(page.locator(".mbc-remember")).to_be_visible()
    expect(page.locator(".mbc-sources li").first).to_be_visible()  # the folded list prints open
    pdf = page.pdf(format="Letter", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))
    assert pdf.startswith(b"%PDF") and 2 <= pages <= 40, pages
    page.emulate_media(media="screen")


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


def test_quiz_on_a_phone_counts_first_tries(dashboard):
    page = dashboard("09-Check-yourself.ipynb", viewport={"width": 360, "height": 740}).page
    quiz = mbc_edu.load("quiz")
    lessons = mbc_edu.load("lessons").set_index("id")
    first = quiz.assign(rank=quiz["lesson_id"].map(lessons["number"])).sort_values(["rank", "order"]).iloc[0]
    chooser, progress = page.locator(".widget-dropdown").first, page.get_by_text(re.compile(r"^Question 1 of \d+$"))
    expect(progress).to_be_visible(timeout=WAIT)
    assert chooser.bounding_box()["y"] + chooser.bounding_box()["height"] <= progress.bounding_box()["y"]  # no overlap
    wrong = next(c for c in "abcd" if c != first["answer"] and isinstance(first[f"choice_{c}"], str))
    page.get_by_label(first[f"choice_{wrong}"], exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.locator("[role=status]")).to_contain_text("Not quite.", timeout=WAIT)
    page.get_by_label(first["choice_" + first["answer"]], exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.locator("[role=status]")).to_contain_text("Right.", timeout=WAIT)
    expect(page.locator(".mbc-app")).to_contain_text("first tries: 0 right out of 1 answered")  # the miss stays


def test_glossary_search(dashboard):
    page = dashboard("10-Glossary.ipynb").page
    total = len(mbc_edu.load("glossary"))
    status = live(page)
    expect(status).to_contain_text(f"{total} of {total} words shown", timeout=WAIT)
    tab_to(page, page.locator(".widget-text input"))
    page.keyboard.type("biops")
    expect(status.locator("dt").first).to_have_text("Biopsy", timeout=WAIT)
    assert status.locator("dt").count() < total
    page.locator(".widget-text input").fill("qqxz")
    expect(status).to_contain_text("No word in the glossary matches", timeout=WAIT)
    expect(status).to_contain_text("ask your care team what it means")
    expect(status.locator("dt")).to_have_count(0)
    # the header's one line to "When to get help", and the print tip once
    expect(page.locator(".mbc-help-line a")).to_have_attribute("href", "11-When-to-get-help.ipynb")
    expect(page.get_by_text("To print a handout of this whole lesson")).to_have_count(1)


def test_dollar_signs_stay_as_typed(dashboard):
    """A "$" is text, not mathematics: what a learner types, and what a table holds, shows as
    written. (MathJax, which Voila loads by default, would set the words between two "$" as a
    formula; the course template names a typesetter that leaves the page alone.)"""
    page = dashboard("10-Glossary.ipynb").page
    status = live(page)
    expect(status).to_contain_text("words shown", timeout=WAIT)
    page.wait_for_function("() => typeof window.MathJax?.Hub?.Queue === 'function'", timeout=WAIT)
    query = "costs $5 or $10 a month"
    page.locator(".widget-text input").fill(query)
    expect(status.locator(".mbc-status")).to_have_text(
        f"No word in the glossary matches \u201c{query}\u201d. "
        "Try another word, or ask your care team what it means.", timeout=WAIT)
    assert page.locator("mjx-container, .MathJax, .MathJax_Preview").count() == 0


# Counts the 100 ms waits ipywidgets' get_model takes while it does not hold a model yet.
COUNT_MODEL_POLLS_JS = """
window.__modelPolls = 0;
const setTimeoutOf = window.setTimeout;
window.setTimeout = function (callback, ms, ...rest) {
  if (ms === 100 && /get_model/.test(new Error().stack)) window.__modelPolls += 1;
  return setTimeoutOf.call(this, callback, ms, ...rest);
};
"""


def test_widgets_are_drawn_when_their_models_arrive(dashboard):
    """The lesson is drawn as soon as the kernel has sent its widgets, not at the next 100 ms
    tick of ipywidgets' wait (the course's widgets-on-arrival plugin for Voila)."""
    page = dashboard("04-Symptoms.ipynb", init_script=COUNT_MODEL_POLLS_JS).page
    expect(page.locator(".mbc-app .widget-checkbox input").first).to_be_visible(timeout=WAIT)
    assert page.evaluate(WIDGETS_PLUGIN_ACTIVE_JS)
    assert page.evaluate("window.__modelPolls") == 0


def controls_code_files() -> list[str]:
    """The files of jupyterlab-manager's front end that hold @jupyter-widgets/controls' classes."""
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path("labextensions"):
        static = Path(root) / "@jupyter-widgets" / "jupyterlab-manager" / "static"
        found = [f.name for f in sorted(static.glob("*.js")) if "CheckboxModel" in f.read_text(encoding="utf-8")]
        if found:
            return found
    raise AssertionError("jupyterlab-manager's controls code not found on the Jupyter path")


def test_widget_code_loads_while_the_page_waits_for_its_kernel(voila_server, browser):
    """A lesson fetches the widgets' own code (@jupyter-widgets/controls) while it connects to
    its kernel, not after the kernel has answered: here the kernel's websocket never reaches
    the server, and the code still comes (the widgets-on-arrival plugin)."""
    files = controls_code_files()
    context = browser.new_context()
    try:
        context.route_web_socket(KERNEL_CHANNELS, lambda ws: None)  # never answers
        page = context.new_page()
        with page.expect_request(lambda r: r.url.split("?")[0].rsplit("/", 1)[-1] in files, timeout=30_000):
            page.goto(voila_server.render_url("04-Symptoms.ipynb"))
        assert page.locator(".mbc-app").count() == 0  # nothing came from the kernel
        page.close(run_before_unload=True)  # Voila's unload beacon ends the page's kernel
    finally:
        context.close()


def test_a_page_is_not_ready_while_its_widgets_wait_for_the_kernel(voila_server, browser):
    """``READY_JS``, which the browser tests wait for, stays false while a widget output still
    shows "Loading widget..." (Voila has drawn the cells, the widget's model has not come):
    here the kernel's websocket never reaches the server, so that is all the page shows."""
    context = browser.new_context()
    try:
        context.route_web_socket(KERNEL_CHANNELS, lambda ws: None)  # never answers
        page = context.new_page()
        page.goto(voila_server.render_url("04-Symptoms.ipynb"))
        expect(page.locator("#rendered_cells")).to_be_visible(timeout=30_000)
        expect(page.locator("#loading")).to_have_count(0, timeout=30_000)
        waiting = page.locator("#rendered_cells .jp-OutputArea-output:not([data-mime-type])").first
        expect(waiting).to_have_text("Loading widget...", timeout=30_000)
        assert page.evaluate(READY_JS) is False
        page.close(run_before_unload=True)  # Voila's unload beacon ends the page's kernel
    finally:
        context.close()


def test_words_to_know_open_by_keyboard(dashboard):
    page = dashboard("02-What-is-MBC.ipynb").page
    summary = live(page).locator("details.mbc-words summary").first
    tab_to(page, summary, limit=150)  # past the page's help, the topic buttons and the reading's word links
    page.keyboard.press("Enter")
    expect(live(page).locator("details.mbc-words").first).to_have_attribute("open", "", timeout=WAIT)


def test_server_root_opens_the_start_page(voila_server, browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(voila_server.url)
        page.wait_for_url(re.compile(r"/voila/render/01-Start-here\.ipynb$"), timeout=WAIT)
        expect(page.locator('nav.mbc-nav[aria-label="Lessons"] a').first).to_be_visible(timeout=30_000)
    finally:
        context.close()
