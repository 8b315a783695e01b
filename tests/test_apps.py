"""Each dashboard, without a browser: its controls change what it shows, and it stays safe."""
import csv
import io
import json
import re
from html import unescape

import ipywidgets as widgets
import pytest
import textstat

import mbc_edu
from mbc_edu.bodymap import NARROW, WIDE, drawing
from mbc_edu.numbers import LABEL_WIDTH, icon_array, phrase
from mbc_edu.questions import QuestionList
from mbc_edu.render import NOTICE, Glossary, Page, esc, intro_and_steps, numbered, present, tel_links
from mbc_edu import symptoms
from mbc_edu.symptoms import named_levels
from test_safety_content import unnamed_times, usual_level

APPS = {
    "start": mbc_edu.start_page, "basics": lambda: mbc_edu.topic_browser("basics"),
    "where": mbc_edu.site_picker, "symptoms": mbc_edu.symptom_explorer, "tests": mbc_edu.test_explorer,
    "numbers": mbc_edu.numbers, "treatment": mbc_edu.treatment_explorer,
    "living": lambda: mbc_edu.topic_browser("living"), "quiz": mbc_edu.quiz, "glossary": mbc_edu.glossary_search,
    "help": mbc_edu.help_card,
}


def plain(html: str) -> str:
    """The text of some HTML, as a reader sees it (tags dropped, entities kept)."""
    return re.sub(r"<[^>]+>", "", html)


def words(html: str) -> str:
    """The text of some HTML without the short meanings shown after glossary words."""
    return plain(re.sub(r' <span class="mbc-short">\(.*?\)</span>', "", html))


def html_of(widget) -> str:
    """All HTML an app puts on screen, from every HTML widget inside it."""
    if isinstance(widget, widgets.HTML):
        return widget.value
    return "".join(html_of(c) for c in getattr(widget, "children", ()))


@pytest.mark.parametrize("name", list(APPS))
def test_every_dashboard_has_notice_sources_and_review_date(name):
    app = APPS[name]()
    assert "mbc-app" in app._dom_classes
    shown = html_of(app)
    assert shown.count(esc(NOTICE)) == 1  # once per page
    assert shown.count("<summary>How to use this page</summary>") == 1 and "Tab" in shown
    assert shown.count("To print a handout of this whole lesson, press Ctrl+P (Cmd+P on a Mac).") == 1
    help_link = ('<strong>Signs that need help right away:</strong> see '
                 '<a href="11-When-to-get-help.ipynb">When to get help</a>')
    assert shown.count(help_link) == (0 if name == "help" else 1)
    assert shown.count(">My questions for my care team<") == 1
    folded = re.search(r'<details class="mbc-sources"><summary><h2>Sources for this page \((\d+)\)</h2>'
                       r"</summary><ul>(.*?)</ul></details>", shown)
    assert folded and int(folded.group(1)) == folded.group(2).count("<li>") == len(app.page.cited) > 0
    assert "Content last reviewed on" in shown
    assert "Breastcancer.org" in shown
    assert 'class="mbc-error"' not in shown
    assert repr(app).startswith(type(app).__name__ + "(")


@pytest.mark.parametrize("name", list(APPS))
def test_every_lesson_shows_what_to_remember(name):
    points = mbc_edu.load("key_points")
    points = points[points["lesson_id"] == name].sort_values("order")
    assert 3 <= len(points) <= 5, name
    box = re.search(r'<section class="mbc-remember"><h2>What to remember</h2><ul>(.*?)</ul>', html_of(APPS[name]()))
    assert box, name
    assert [words(i) for i in re.findall(r"<li>(.*?)</li>", box.group(1))] == [esc(p) for p in points["point"]]


def first_uses_are_explained(html: str, short: dict[str, str]) -> int:
    """Check that only the first link to each glossary word in a view has its short meaning; count them.

    A word the text already explains ("belly (abdomen)", "X is a ...", "X means ...", "... is called X": the
    glossary's ``defined_here``) or that names the card it is in (the card defines it) gets none.
    """
    seen, titles = set(), {}  # titles: where each card's heading starts, and the word it names
    glossary = Glossary(mbc_edu.load("glossary"))
    for card in re.finditer(r"<h\d>(.*?)</h\d>", html):
        titles[card.start()] = glossary.term_of(unescape(plain(card.group(1))))
    for match in re.finditer(r'(\(?)<a class="mbc-term" href="#mbc-w-\d+-([\w-]+)">([^<]+)</a>( <span class="mbc-short">'
                             r"\((.*?)\)</span>)?", html, re.IGNORECASE):
        term, meaning = match.group(2), match.group(5)
        title = titles.get(max((at for at in titles if at < match.start()), default=-1))
        rest = re.split(r"</(?:p|li|h\d|dd|dt)>", html[match.end():], maxsplit=1)[0]  # to the end of its text
        before = plain(re.split(r"<(?:p|li|h\d|dd|dt)\b[^>]*>", html[:match.start()])[-1])  # from its text's start
        before = (before + (match.group(1) or "")) or " "
        text = before + match.group(3) + plain(rest)  # the text as written, around the word
        if term in seen or glossary.defined_here(text, glossary.pattern.match(text, len(before))) or term == title:
            assert meaning is None, term
        else:
            assert meaning == esc(short[term]), term
        seen.add(term)
    return len(seen)


def test_glossary_words_are_explained_where_first_used():
    short = dict(zip(mbc_edu.load("glossary")["id"], mbc_edu.load("glossary")["short"]))
    views = [mbc_edu.topic_browser("basics").cards, mbc_edu.site_picker().detail, mbc_edu.test_explorer().detail]
    explorer = mbc_edu.symptom_explorer()
    for box in explorer.boxes.values():
        box.value = True
    views.append(explorer.result)
    for view in views:
        assert first_uses_are_explained(view.value, short) > 0
    app = mbc_edu.site_picker()  # a new view explains its words again
    app.list.value = "brain"
    assert first_uses_are_explained(app.detail.value, short) > 0


def test_no_inline_meaning_where_the_text_or_the_card_defines_the_word():
    page = Page.create()
    immuno = page.block([("", "Immunotherapy is a treatment that helps the immune system fight cancer.")],
                        "Immunotherapy")
    assert "mbc-short" not in immuno.split("</h3>")[1].split("immune system")[0]  # the card itself defines it
    for text in ("A recurrence is cancer that comes back.", "De novo means found at the start.",
                 "Recurrences are cancers that come back.", "A biopsy (a small piece of tissue) helps."):
        page.new_view()
        shown = page.block([("", text)], "Words")
        first = shown.split('class="mbc-term"')[1]
        assert not first.split("</a>")[1].startswith(' <span class="mbc-short">'), text
    page.new_view()
    assert '<span class="mbc-short">' in page.block([("", "A doctor may suggest a biopsy.")], "Tests")
    page.new_view()  # in one view a word is linked once: the card named for it, not the next card again
    cards = page.cards([{"parts": [("", "Immunotherapy helps the immune system.")], "title": "Immunotherapy"},
                        {"parts": [("", "Ask about immunotherapy.")], "title": "Questions"}])
    assert cards.count('-immunotherapy">') == 2  # the link and its entry in the one "Words to know" box
    assert "Questions</h3><p>Ask about immunotherapy.</p>" in cards and cards.count("Words to know:") == 1


def test_numbered_steps_show_as_an_ordered_list():
    assert numbered("1. Call. 2. Wait 2. 5 hours. 3. Go.") == ["Call.", "Wait 2. 5 hours.", "Go."]
    page = Page.create()
    html = page.block([("What to do", "1. Take your temperature. 2. Call your care team. 3. Write it down.")], "Fever")
    assert "<p><strong>What to do:</strong></p><ol><li>Take your temperature.</li><li>Call your care team.</li>" in html
    assert "<ol>" not in page.block([("", "Rest 2. Then walk.")], "Rest")
    treatments = mbc_edu.treatment_explorer()  # a row written as steps, with a phone number in them
    treatments.chooser.value = "trial"
    assert "<ol><li>" in treatments.cards.value and 'href="tel:18004226237">1-800-4-CANCER</a>' in treatments.cards.value


def test_phone_numbers_are_tap_to_call_links():
    shown = tel_links(esc("Call 1-800-4-CANCER (1-800-422-6237), 988 or 911 <b>now</b>; not 1911."))
    assert '<a class="mbc-tel" href="tel:18004226237">1-800-4-CANCER</a> (' in shown
    assert '<a class="mbc-tel" href="tel:18004226237">1-800-422-6237</a>' in shown
    assert '<a class="mbc-tel" href="tel:988">988</a>' in shown and '<a class="mbc-tel" href="tel:911">911</a>' in shown
    assert "1911." in shown and "&lt;b&gt;now" in shown and shown.count("<a ") == 4
    app = mbc_edu.help_card()
    card = html_of(app)
    for row in app.contacts.itertuples():  # the contacts lesson 11 shows
        assert tel_links(esc(row.how)) in card
    assert 'href="tel:18002272345">1-800-227-2345</a>' in card and 'href="tel:911">911</a>' in card


@pytest.mark.parametrize("name", list(APPS))
def test_one_source_line_and_words_box_per_view(name):
    app = APPS[name]()
    views = [app.cards] if hasattr(app, "cards") else [app.results] if name == "glossary" else []
    for view in views:
        for value in ([v for _, v in app.chooser.options] if hasattr(app, "chooser") else [""]):
            if hasattr(app, "chooser"):
                app.chooser.value = value
            # a picture, and lesson 8's box of support communities, keep their own credit
            cards = re.sub(r'<figure.*?</figure>|<section class="mbc-contacts">.*?</section>', "", view.value, flags=re.S)
            assert cards.count('class="mbc-source"') == 1, value
            assert view.value.count('class="mbc-words"') <= 1, value
            summary = re.search(r"Words to know: (.*?)</summary>", view.value)
            names = summary.group(1).split(", ") if summary else []
            assert len(names) == len(set(names)), value  # a word is in the box once
    if name == "help":
        assert html_of(app.card).count('class="mbc-source"') == 2  # the help box and whom to call
    if name in ("where", "symptoms"):  # the sign cards of a view share one line and one box
        if name == "symptoms":
            for box in app.boxes.values():
                box.value = True
        shown = app.result.value if name == "symptoms" else app.detail.value
        cards = re.findall(r'<section class="mbc-card mbc-sign .*?</section>', shown, re.S)
        assert len(cards) > 1 and not any("mbc-source" in c or "mbc-words" in c for c in cards)
        after = shown[shown.rindex('<section class="mbc-card mbc-sign '):]
        assert after.count('class="mbc-source"') >= 1 and after.count("Words to know:") >= 1
    if name == "tests":  # the readings under the tests: one line and one box for all of them
        assert app.notes.count('class="mbc-source"') == 1 and app.notes.count('class="mbc-words"') == 1


def test_site_picker_map_and_list_stay_in_step():
    app = mbc_edu.site_picker()
    sites = mbc_edu.load("sites").set_index("id")
    for site_id, row in sites.iterrows():
        app.map.value = site_id
        assert app.list.value == site_id
        assert f"<h2>{esc(row['name'])}</h2>" in app.detail.value
    app.list.value = "brain"
    assert app.map.value == "brain"


def test_site_picker_marks_lobular_sites_and_risk():
    app = mbc_edu.site_picker()
    sites = mbc_edu.load("sites").set_index("id")
    for site_id, row in sites.iterrows():
        app.list.value = site_id
        assert ("Mostly with lobular breast cancer" in app.detail.value) == (row["group"] == "lobular")
        assert ("Higher risk for some people" in app.detail.value) == present(row["risk_note"])
    app.list.value = "leptomeningeal"
    assert "triple-negative" in app.detail.value.lower()


def test_site_picker_shows_signs_tests_and_treatment():
    app = mbc_edu.site_picker()
    app.list.value = "bone"
    for heading in ("Signs it can cause", "Tests that can look here", "How it can be treated"):
        assert heading in app.detail.value
    assert "Bone scan" in app.detail.value or "bone scan" in app.detail.value.lower()


def sign_cards(html: str) -> dict[str, str]:
    """Each sign card in some HTML, by its heading."""
    return {m.group(2): m.group(0) for m in
            re.finditer(r'<section class="mbc-card mbc-sign [^"]+"><h(\d)>(.*?)</h\1>.*?</section>', html)}


def assert_sign_card(card: str, sign, labels) -> None:
    """A sign shows how urgent it usually is (words and an icon), right under it when to call 911
    (if ever), its other causes and what to do."""
    level = sign["urgency_id"]
    # the badge is the usual case of the steps, and the steps name no fourth level ("call them today")
    assert usual_level(sign["what_to_do"]) == level and not unnamed_times(sign["what_to_do"]), sign["what_to_do"]
    assert f'class="mbc-card mbc-sign mbc-sign-{level}"' in card
    assert f'<p class="mbc-urgency mbc-urgency-{level}"><span class="mbc-urgency-icon" aria-hidden="true">' in card
    lead = "Usually:" if named_levels(sign["what_to_do"]) - {level} else "How urgent:"  # its steps cover several levels
    badge = re.search(rf"<strong>{lead}</strong> {re.escape(esc(labels[level]))}</p>", card)
    assert badge and "most urgent" not in card, sign["what_to_do"]
    if present(sign["call_911_if"]):
        line = f"Call 911 now if {esc(sign['call_911_if'])}."
        assert card[badge.end():].startswith('<p class="mbc-urgency-911">') and line in words(card[badge.end():])
        assert re.search(r'class="mbc-urgency-911"><span class="mbc-urgency-icon" aria-hidden="true">[^<]+</span> <strong>', card)
    else:
        assert "mbc-urgency-911" not in card
    assert f"Many other things can cause it too, such as: {esc(sign['other_causes'])}" in words(card)
    assert f"What to do: {esc(sign['what_to_do'])}" in words(card)


def test_site_picker_gives_every_sign_its_urgency_and_other_causes():
    app = mbc_edu.site_picker()
    signs = mbc_edu.load("symptoms").set_index("id")
    labels = dict(mbc_edu.load("urgency_levels")[["id", "label"]].values)
    links = mbc_edu.load("site_symptoms")
    for site_id in app.sites.index:
        app.list.value = site_id
        cards = sign_cards(app.detail.value)
        linked = links[links["site_id"] == site_id]
        assert len(cards) == len(linked), site_id
        for symptom_id in linked["symptom_id"]:
            assert_sign_card(cards[esc(signs.at[symptom_id, "name"])], signs.loc[symptom_id], labels)
        assert "does not prove" in app.detail.value


@pytest.mark.parametrize("shape", [WIDE, NARROW], ids=lambda shape: shape.name)
def test_body_map_labels_do_not_overlap_and_stay_inside(shape):
    drawn = drawing(mbc_edu.load("sites"), shape)
    placed = drawn["sites"]
    assert len(placed) == len(mbc_edu.load("sites"))
    for anchor in ("start", "end"):
        side = sorted((p for p in placed if p["anchor"] == anchor), key=lambda p: p["ly"])
        for upper, lower in zip(side, side[1:]):
            assert lower["ly"] >= upper["ly"] + shape.line * len(upper["lines"]), (upper["id"], lower["id"])
    for p in placed:
        assert 0 < p["ly"] <= drawn["height"] and 200 <= p["x"] - shape.body_shift <= 400
        assert p["hit"]["y"] + p["hit"]["height"] <= drawn["height"]
        assert 0 <= p["hit"]["x"] and p["hit"]["x"] + p["hit"]["width"] <= shape.width, p["id"]
    for a in placed:  # click areas of two labels never overlap
        for b in placed:
            if a is not b:
                ha, hb = a["hit"], b["hit"]
                assert (ha["x"] + ha["width"] <= hb["x"] or hb["x"] + hb["width"] <= ha["x"]
                        or ha["y"] + ha["height"] <= hb["y"] or hb["y"] + hb["height"] <= ha["y"]), (a["id"], b["id"])


def test_symptom_explorer_links_signs_to_sites_and_tests():
    app = mbc_edu.symptom_explorer()
    assert "No sign is ticked yet" in app.result.value
    links = mbc_edu.load("site_symptoms")
    sites = mbc_edu.load("sites").set_index("id")
    first = links.iloc[0]
    app.boxes[first["symptom_id"]].value = True
    assert app.chosen == [first["symptom_id"]]
    assert esc(sites.at[first["site_id"], "name"]) in app.result.value
    assert "Tests a care team may use" in app.result.value
    result = words(app.result.value)  # common causes come first; the tests rule out spread
    assert result.index("first looks for common causes") < result.index("rule out cancer that has spread")
    assert 'href="#mbc-sign-result">1 sign ticked: see what it can mean' in app.status.value
    assert 'id="mbc-sign-result"' in app.result.value and 'role="status"' in app.status.value
    assert "only your care team can" in app.result.value and "A sign is not a diagnosis" in app.result.value
    app.clear.click()
    assert app.chosen == [] and "No sign is ticked yet" in app.result.value and "No sign" in app.status.value


def test_symptom_headings_never_present_a_sign_as_proof():
    shown = html_of(mbc_edu.symptom_explorer())
    assert f"<h3>{esc(symptoms.KEY_SIGNS)}</h3>" in shown and f"<h3>{esc(symptoms.MORE_SIGNS)}</h3>" in shown
    assert shown.index(esc(symptoms.KEY_SIGNS)) < shown.index(esc(symptoms.MORE_SIGNS))
    assert "Main signs of metastatic" not in shown and "by place in the body" not in shown


def test_symptom_explorer_never_leaves_a_sign_without_guidance():
    app = mbc_edu.symptom_explorer()
    signs = mbc_edu.load("symptoms").set_index("id")
    labels = dict(mbc_edu.load("urgency_levels")[["id", "label"]].values)
    sites = mbc_edu.load("site_symptoms").merge(mbc_edu.load("sites"), left_on="site_id", right_on="id")
    for symptom_id, box in app.boxes.items():
        box.value = True
        cards = sign_cards(app.result.value)
        assert list(cards) == [esc(signs.at[symptom_id, "name"])]
        card = next(iter(cards.values()))
        assert_sign_card(card, signs.loc[symptom_id], labels)
        places = sites[sites["symptom_id"] == symptom_id]["name"]
        if len(places):  # a place is never the only reading of a sign
            assert f"Sometimes linked to cancer in: {', '.join(map(esc, places))}" in words(card)
            assert words(card).index("Sometimes linked") < words(card).index("Many other things can cause it")
        assert "Can point to" not in app.result.value
        box.value = False


def test_test_explorer_shows_each_test():
    app = mbc_edu.test_explorer()
    for test_id, row in mbc_edu.load("tests").set_index("id").iterrows():
        app.list.value = test_id
        for column in ("what_it_is", "looks_for", "what_to_expect", "prepare", "duration", "results"):
            assert all(esc(step) in words(app.detail.value) for step in numbered(row[column]))  # steps: a list
        for heading in ("Before the test", "During the test", "After the test", "When it is used"):
            assert f"<h3>{heading}</h3>" in app.detail.value
    assert "pathology report" in html_of(app).lower()
    glossary = app.page.glossary  # each choice says what its test is: a glossary word gets its meaning there
    for label, test_id in app.list.options:
        name = app.tests.at[test_id, "name"]
        term = glossary.term_of(name)
        assert label == f"{name} ({glossary.short[term]})" if term else label.startswith(name.split()[0]), label
    assert sum("(" in label for label, _ in app.list.options) >= 8


def test_numbers_show_each_figure_as_people_and_words():
    app = mbc_edu.numbers()
    stats = mbc_edu.load("statistics").set_index("id")
    assert [v for _, v in app.chooser.options] == list(stats.index[~stats["sensitive"]])
    for stat_id, row in stats[~stats["sensitive"]].iterrows():
        app.chooser.value = stat_id
        assert esc(phrase(row)) in words(app.figure.value)
        assert f"{row['count']} in {row['out_of']}" in app.figure.value
        assert "What the picture shows" in app.figure.value
        assert f"Years of the data: {esc(row['data_years'])}" in words(app.figure.value)
        assert esc(row["context"]) in words(app.figure.value)


def test_numbers_lead_with_both_sides_and_compare_one_group():
    app = mbc_edu.numbers()
    stats = mbc_edu.load("statistics").set_index("id")
    assert app.chooser.value == "recurrence"  # the figure shown first says who does not, too
    assert "Nearly 30 in 100 " in app.figure.value and "<strong>More than 70 in 100 do not.</strong>" in app.figure.value
    app.chooser.value = "pan-t1n0"
    assert "<strong>About 87 in 100 did not.</strong>" in app.figure.value
    labels = app.comparison.figure["data"][0]["y"]  # short labels, wrapped to fit a phone
    assert all(len(line) <= LABEL_WIDTH for label in labels for line in label.split("<br>"))
    charted = [label.replace("<br>", " ").replace("\xa0", " ") for label in labels]  # one population: early-stage breast cancer
    populations = stats.set_index("label").loc[charted, "population"]
    assert len(charted) > 1 and populations.str.contains("early").all(), populations
    assert stats.at["oligometastatic", "label"] not in charted and stats.at["de-novo", "label"] not in charted
    shown = html_of(app)
    assert "<h3>Of women treated for early-stage breast cancer</h3>" in shown
    below = words(shown[shown.index("<h3>What the chart shows</h3>"):])
    for _, row in stats.set_index("label").loc[charted].iterrows():  # each bar in full words under the chart
        assert esc(phrase(row)) in below
    steps = mbc_edu.load("topics").query("lesson_id == 'numbers'")
    assert len(steps) and "<h2>How to use these numbers</h2>" in shown
    for body in steps["body"]:  # numbered steps, after the chart and before the survival numbers
        intro, steps = intro_and_steps(body)
        listed = re.findall(r"<li>(.*?)</li>", shown[shown.index("<h2>How to use these numbers</h2>"):])
        assert len(steps) >= 3 and [words(item) for item in listed[:len(steps)]] == list(map(esc, steps))
    assert shown.index("Figures side by side") < shown.index("How to use these numbers") < shown.index("Survival numbers")
    for stat_id in ("oligometastatic", "de-novo"):  # named as left out, with their group
        assert f"{esc(stats.at[stat_id, 'label'])}: about {esc(stats.at[stat_id, 'population'])}" in words(shown)
    assert 'style="max-width:22rem"' in icon_array(30)  # 100 people never fill a wide screen
    app.show_survival.value = True  # newest data first
    years = [int(y[-4:]) for y in app.survival["data_years"]]
    assert len(years) > 1 and years == sorted(years, reverse=True)
    at = [app.survival_view.value.index(f"<h3>{esc(label)}</h3>") for label in app.survival["label"]]
    assert at == sorted(at)
    assert "do not.</strong>" not in app.survival_view.value  # no "other side" for survival figures


def test_survival_numbers_show_only_when_chosen():
    app = mbc_edu.numbers()
    stats = mbc_edu.load("statistics")
    survival = stats[stats["sensitive"]]
    assert len(survival) > 0
    hidden = html_of(app)  # on screen, in the chart's words and in the handout
    assert "Some people want to see these numbers and some do not." in hidden
    assert app.show_survival.description == "Show the survival numbers" and not app.show_survival.value
    for _, row in survival.iterrows():
        assert esc(phrase(row)) not in words(hidden) and esc(row["label"]) not in hidden
    assert row["label"] not in app.comparison.figure["data"][0]["y"]
    assert "survival figure" in repr(app) and "hidden" in repr(app)
    app.show_survival.value = True
    assert app.show_survival.description == "Hide the survival numbers"
    for _, row in survival.iterrows():
        for view in (app.survival_view.value, app.print_view.value):
            assert esc(phrase(row)) in words(view) and f"Years of the data: {esc(row['data_years'])}" in words(view)
            assert esc(row["context"]) in words(view) and esc(row["population"]) in words(view)
        assert icon_array(int(row["count"]), int(row["out_of"])) in app.survival_view.value
    app.show_survival.value = False
    assert esc(phrase(row)) not in words(html_of(app))


def handout_of(app) -> str:
    """The print-only handout of a dashboard (hidden on screen)."""
    assert "mbc-handout" in app.print_view._dom_classes
    return words(app.print_view.value)


def test_handouts_hold_the_whole_lesson():
    picker = mbc_edu.site_picker()
    sites = handout_of(picker)
    for row in mbc_edu.load("sites").itertuples():
        assert f"<h2>{esc(row.name)}</h2>" in picker.print_view.value and esc(row.description) in sites
    signs = handout_of(mbc_edu.symptom_explorer())
    for row in mbc_edu.load("symptoms").itertuples():
        assert esc(row.name) in signs and esc(row.what_to_do) in signs and esc(row.other_causes) in signs
    tests = handout_of(mbc_edu.test_explorer())
    for row in mbc_edu.load("tests").itertuples():
        for text in (row.name, row.prepare, row.what_to_expect, row.duration, row.results):
            assert all(esc(step) in tests for step in numbered(text))
    stats = mbc_edu.load("statistics")
    numbers = handout_of(mbc_edu.numbers())
    for _, row in stats.iterrows():
        assert (esc(phrase(row)) in numbers) != row["sensitive"]
    topics, treatments = mbc_edu.load("topics"), mbc_edu.load("treatments")
    for app, rows, title, body in [(mbc_edu.topic_browser("basics"), topics[topics["lesson_id"] == "basics"], "title", "body"),
                                   (mbc_edu.topic_browser("living"), topics[topics["lesson_id"] == "living"], "title", "body"),
                                   (mbc_edu.treatment_explorer(), treatments, "name", "description")]:
        text = handout_of(app)
        for label, _ in app.chooser.options:  # every group, not just the one chosen
            assert f"<h3>{esc(label)}</h3>" in app.print_view.value
        for _, row in rows.iterrows():
            # numbered steps show as a list, each step as written, after any opening sentences
            intro, steps = intro_and_steps(row[body])
            assert esc(row[title]) in text and all(esc(part) in text for part in [intro, *steps] if part)
    quiz = handout_of(mbc_edu.quiz())
    for row in mbc_edu.load("quiz").itertuples():
        assert esc(row.question) in quiz and esc(row.explanation) in quiz
    glossary = mbc_edu.glossary_search()
    handout_of(glossary)
    for row in mbc_edu.load("glossary").itertuples():
        assert f"<dt>{esc(row.term)}</dt><dd>{esc(row.definition)}" in glossary.print_view.value
    assert mbc_edu.start_page().print_view.value == ""  # the start page prints as it is


@pytest.mark.parametrize("name", [n for n in APPS if n not in ("start", "help")])  # these print as they are
def test_controls_are_left_out_of_print(name):
    app = APPS[name]()
    at = app.children.index(app.print_view)
    header, after = app.children[0], app.children[at:]
    controls = [c for c in app.children[1:at] if c not in (app.audience, app.nursing)]  # the lesson's own
    assert app.print_view.value and controls
    assert all("mbc-no-print" in c._dom_classes for c in controls)
    assert [c for c in after if "mbc-no-print" in c._dom_classes] == [app.my_questions]  # it prints on its own
    assert "mbc-no-print" not in header._dom_classes
    assert "What to remember" in after[1].value and "Sources for this page" in after[-1].value


@pytest.mark.parametrize("name", list(APPS))
def test_question_list_in_every_lesson_and_help_where_signs_are(name):
    app = APPS[name]()
    assert isinstance(app.my_questions, QuestionList) and app.my_questions in app.children
    help_shown = "When to get help right away" in html_of(app)
    assert help_shown == (name in {"start", "where", "symptoms", "help"})


def test_icon_array_fills_exactly_count_people():
    svg = icon_array(30)
    assert svg.count("<path") == 100
    assert svg.count('fill="#a63d00"') == 30 and svg.count('fill="#ffffff"') == 70


def test_phrase_reads_as_a_natural_frequency():
    stats = mbc_edu.load("statistics").set_index("id")
    assert phrase(stats.loc["recurrence"]).startswith("Think of 100 women ")
    assert ". Nearly 30 in 100 " in phrase(stats.loc["recurrence"])
    assert ". Up to 10 in 100 " in phrase(stats.loc["de-novo"])
    assert ". Up to 20 in 100 " in phrase(stats.loc["oligometastatic"])
    grades = {i: textstat.flesch_kincaid_grade(phrase(row)) for i, row in stats.iterrows()}
    assert max(grades.values()) <= 8, grades  # the headline of each figure reads plainly


@pytest.mark.parametrize("make", [mbc_edu.treatment_explorer, lambda: mbc_edu.topic_browser("basics"),
                                  lambda: mbc_edu.topic_browser("living")], ids=["treatment", "basics", "living"])
def test_card_browsers_show_every_group(make):
    app = make()
    seen = set()
    for label, value in app.chooser.options:
        app.chooser.value = value
        assert f"<h3>{esc(label)}</h3>" in app.cards.value
        assert 'class="mbc-card"' in app.cards.value
        seen.add(app.cards.value)
    assert len(seen) == len(app.chooser.options)


def test_topic_browser_rejects_unknown_lesson():
    with pytest.raises(KeyError):
        mbc_edu.topic_browser("nope")


def test_quiz_checks_answers_and_keeps_score():
    app = mbc_edu.quiz()
    q = app.current
    app.check.click()
    assert "Choose an answer first" in app.feedback.value
    app.choices.value = q["answer"]
    app.check.click()
    assert "Right." in app.feedback.value and esc(q["explanation"]) in words(app.feedback.value)
    assert "1 right out of 1 answered" in app.score.value
    app.next.click()
    q2 = app.current
    wrong = next(v for _, v in app.choices.options if v != q2["answer"])
    app.choices.value = wrong
    app.check.click()
    assert "Not quite." in app.feedback.value
    assert "1 right out of 2 answered" in app.score.value
    app.choices.value = q2["answer"]  # a second try shows the answer but keeps the miss
    app.check.click()
    assert "Right." in app.feedback.value and "first tries: 1 right out of 2 answered" in app.score.value


def test_quiz_covers_every_content_lesson_and_filters():
    app = mbc_edu.quiz()
    lessons = {v for _, v in app.lesson.options}
    assert {"basics", "where", "symptoms", "tests", "numbers", "treatment", "living"} <= lessons
    app.lesson.value = "numbers"
    assert set(app.set["lesson_id"]) == {"numbers"}
    for _ in range(len(app.set)):
        app.next.click()
    assert "Question 1 of" in app.progress.value and "0 answered" in app.score.value


def test_glossary_search_filters_and_helps():
    app = mbc_edu.glossary_search()
    total = len(mbc_edu.load("glossary"))
    assert f"{total} of {total} words shown" in app.results.value
    app.search.value = "BIOPS"
    assert "<dt>Biopsy</dt>" in app.results.value
    app.search.value = "zzzz"
    assert "No word in the glossary matches “zzzz”" in unescape(app.results.value)
    assert "ask your care team" in app.results.value and "shorter" not in app.results.value


def test_start_page_links_every_lesson_notebook(tmp_path):
    shown = html_of(mbc_edu.start_page())
    notebooks = mbc_edu.data_dir().parent / "notebooks"
    for row in mbc_edu.load("lessons").itertuples():
        assert f'href="{row.notebook}"' in shown
        assert (notebooks / row.notebook).exists(), row.notebook


def test_every_lesson_footer_links_back_and_next_through_lesson_11():
    lessons = mbc_edu.load("lessons").sort_values("number").set_index("number")
    notebooks = mbc_edu.data_dir().parent / "notebooks"
    for number, row in lessons.iterrows():
        cell = json.loads((notebooks / row.notebook).read_text(encoding="utf-8"))["cells"][-1]
        footer = "".join(cell["source"])
        assert cell["cell_type"] == "markdown" and (number == 1 or "[All lessons](01-Start-here.ipynb)" in footer)
        if number > 1:
            assert f"Back: [{number - 1}. {lessons.at[number - 1, 'title']}]({lessons.at[number - 1, 'notebook']})" in footer
        if number < 11:
            assert f"Next: [{number + 1}. {lessons.at[number + 1, 'title']}]({lessons.at[number + 1, 'notebook']})" in footer
        else:
            assert "Next:" not in footer, row.notebook


def test_glossary_words_link_to_words_to_know():
    app = mbc_edu.topic_browser("basics")
    html = app.cards.value
    assert 'class="mbc-term" href="#mbc-w-' in html and "Words to know" in html


@pytest.mark.parametrize("name", list(APPS))
def test_html_in_a_cell_is_shown_as_text(name, data_copy, monkeypatch):
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "sources":
            continue
        short = {f["name"] for f in resource["schema"]["fields"] if "maxLength" in f.get("constraints", {})}
        file = data_copy / resource["path"]
        rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"))))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows[0])
        for row in rows[1:]:  # markup before every text cell that starts with a capital letter
            writer.writerow([f"<b>x</b><script>alert(1)</script>{c}" if c[:1].isupper() and h not in short else c
                             for h, c in zip(rows[0], row)])
        file.write_text(out.getvalue(), encoding="utf-8")
    monkeypatch.setenv("MBC_EDU_DATA", str(data_copy))
    assert mbc_edu.validate(data_copy) == []
    shown = html_of(APPS[name]())
    assert "<script>" not in shown and "<b>x</b>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


@pytest.mark.parametrize("name", list(APPS))
def test_broken_data_gives_a_clear_message_not_a_traceback(name, data_copy, monkeypatch):
    path = data_copy / "lessons.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("start,1,", "start,one,"), encoding="utf-8")
    monkeypatch.setenv("MBC_EDU_DATA", str(data_copy))
    view = APPS[name]()
    assert isinstance(view, widgets.HTML) and "mbc-error" in view.value
    assert "lessons.csv, row 2, column &#x27;number&#x27;" in view.value
    assert esc(NOTICE) in view.value


def test_missing_data_directory_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("MBC_EDU_DATA", str(tmp_path / "nowhere"))
    view = mbc_edu.site_picker()
    assert "datapackage.json: file is missing" in view.value


def test_comparison_chart_uses_pattern_and_words_not_only_colour():
    from mbc_edu.numbers import comparison_figure
    stats = mbc_edu.load("statistics")
    figure = comparison_figure(stats)
    counted, rest = figure.data
    assert counted.marker.pattern.shape == "/"
    assert list(counted.x) == [int(c) for c in stats["count"]]
    assert [t.split(" in ")[0] for t in rest.text] == [f"{q} {c}" for q, c in zip(stats["qualifier"], stats["count"])]
    app = mbc_edu.numbers()
    assert "What the chart shows" in html_of(app)


def test_comparison_chart_is_the_figure_for_plotly_js_without_its_renderers():
    """The Chart widget holds the figure as plotly.js takes it, without plotly's renderers (~2.5 s)."""
    import json
    import subprocess
    import sys

    from mbc_edu.numbers import EARLY_STAGE, comparison_figure

    stats = mbc_edu.load("statistics").set_index("id", drop=False)
    figure = comparison_figure(stats.loc[list(EARLY_STAGE)])  # one group; no survival figures
    assert not stats.loc[list(EARLY_STAGE), "sensitive"].any()
    chart = mbc_edu.numbers().comparison
    assert chart.figure == json.loads(figure.to_json())
    assert chart.config["staticPlot"] is True
    code = ("import sys, mbc_edu; mbc_edu.numbers(); "
            "sys.exit(sorted({'nbformat', 'plotly.io._renderers'} & set(sys.modules)) != [])")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_lesson_2_breaks_its_actions_into_numbered_steps():
    app = mbc_edu.topic_browser("basics")
    rows = mbc_edu.load("topics").query("lesson_id == 'basics'")
    stepped = [r for r in rows.itertuples() if len(intro_and_steps(r.body)[1]) >= 3]
    assert stepped  # what to do after learning the cancer has spread, step by step
    for row in stepped:
        app.chooser.value = row.theme
        listed = re.findall(r"<li>(.*?)</li>", app.cards.value[app.cards.value.index(esc(row.title)):])
        steps = intro_and_steps(row.body)[1]
        assert [words(item) for item in listed[:len(steps)]] == list(map(esc, steps))


def test_quiz_explains_each_medical_word_where_it_is_asked():
    """A glossary word in a question or a choice has its plain meaning right there (a radio button
    shows no link), unless the text defines it ("X is ...", "(X)"); the feedback does not repeat it."""
    app = mbc_edu.quiz()
    glossary = app.page.glossary
    for _ in range(len(app.set)):
        q = app.current
        raw = esc(" / ".join([q["question"], *(q[f"choice_{c}"] for c in "abcd" if present(q[f"choice_{c}"]))]))
        shown = unescape(plain(app.question.value)) + " / " + " / ".join(label for label, _ in app.choices.options)
        seen = set()
        for match in glossary.pattern.finditer(raw):
            term = glossary.lookup[match.group(0).lower()]
            if term in seen:
                continue
            seen.add(term)
            assert glossary.defined_here(raw, match) or f"({glossary.short[term]})" in shown, (q["id"], match.group(0))
        app.choices.value = q["answer"]
        app.check.click()
        feedback = app.feedback.value
        assert not any(f"({glossary.short[t]})" in unescape(feedback) for t in seen if f"({glossary.short[t]})" in shown)
        app.next.click()
