"""The "When to get help right away" box and the printable help card (lesson 11)."""
import csv
import io
import re

import mbc_edu
from mbc_edu.render import URGENCY_ICONS, Page, esc, sentence
from mbc_edu.safety import CARD, contacts_of, help_box, steps


def levels():
    return mbc_edu.load("urgency_levels").sort_values("order")


def text(html: str) -> str:
    """The HTML without its tags (phone numbers may be links)."""
    return re.sub(r"<[^>]+>", "", html)


def sections(html: str) -> list[str]:
    """Each urgency level's part of the box, in page order."""
    return re.findall(r'<section class="mbc-help-level.*?</section>', html, re.S)


def test_levels_come_most_urgent_first_with_label_icon_and_steps():
    html = help_box(Page.create())
    parts = sections(html)
    ordered = levels()
    assert ordered.iloc[0]["id"] == "emergency" and len(parts) == len(ordered)
    for n, (part, level) in enumerate(zip(parts, ordered.itertuples()), 1):
        assert f"mbc-help-{level.id}" in part
        assert f"Level {n} of {len(ordered)}:</span> {esc(level.label)}</h3>" in part  # words, not colour alone
        assert f'aria-hidden="true">{URGENCY_ICONS[level.id]}</span>' in part
        todo = re.search(r"</h3><p><strong>What to do:</strong></p><ol>(.*?)</ol><p><strong>If you have:", part)
        shown = [text(item) for item in re.findall(r"<li>(.*?)</li>", todo.group(1))]
        assert shown == [esc(s) for s in steps(level.action)]  # the steps, right under the heading


def as_written(html: str) -> str:
    """The HTML without the short meanings of medical words and without links (words and phone numbers)."""
    return re.sub(r"</?a\b[^>]*>", "", re.sub(r' <span class="mbc-short">\(.*?\)</span>', "", html))


def test_every_sign_is_under_its_level_with_its_reason():
    parts = dict(zip(levels()["id"], sections(help_box(Page.create()))))
    for sign in mbc_edu.load("warning_signs").itertuples():
        shown = f'<li><strong>{sentence(esc(sign.sign))}</strong> <span class="mbc-why">{esc(sign.why)}</span></li>'
        assert [level for level, part in parts.items() if shown in as_written(part)] == [sign.urgency_id]


def test_help_box_explains_each_medical_word_at_its_first_use_in_the_box():
    page = Page.create()
    glossary = page.glossary
    page.explained = set(glossary.short)  # words the lesson above explained: the box explains them again
    html = help_box(page)
    for term in ("blood-clot", "blood-test", "side-effect", "tumor"):
        assert html.count(f'<span class="mbc-short">({esc(glossary.short[term])})</span>') == 1, term
    assert "a blood clot in a vein" in as_written(html)  # its second use has no meaning again
    box = re.search(r'<details class="mbc-words"><summary>Words to know: (.*?)</summary>', html)
    assert box and "Blood clot" in box.group(1) and html.count('class="mbc-words"') == 1


def test_steps_are_the_sentences_of_an_action():
    assert steps("Call 911. Do not drive yourself! Say 100.4 F.") == ["Call 911.", "Do not drive yourself!",
                                                                       "Say 100.4 F."]
    assert steps("One step only") == ["One step only"]


def test_help_box_cites_its_rows():
    page = Page.create()
    help_box(page)
    used = set(levels()["source_id"]) | set(mbc_edu.load("warning_signs")["source_id"])
    assert used <= set(page.cited)


def test_help_card_lists_the_box_and_every_contact_in_one_printable_card():
    card = mbc_edu.help_card()
    html = card.card.value
    assert html.startswith(f'<div class="{CARD}">') and card.print_button.target == CARD
    assert card.print_button.label == "Print this card"
    assert "When to get help right away" in html and "Whom to call" in html
    for row in mbc_edu.load("contacts").itertuples():
        shown = [esc(field) in text(html) for field in (row.name, row.helps_with, row.how, row.hours, row.first_step)]
        assert shown == [row.kind == "helpline"] * 5, row.id  # the card lists help lines, not communities
    assert not re.search(r">[^<]*print", html, re.I)  # the button is the one place that says print
    assert repr(card) == (f"HelpCard({len(levels())} levels, {len(mbc_edu.load('warning_signs'))} warning signs, "
                          f"{len(contacts_of('helpline'))} contacts)")


def test_markup_in_a_cell_is_shown_as_text(data_copy, monkeypatch):
    markup = "<script>alert(1)</script>"
    for name, columns in (("urgency_levels", {"action"}), ("warning_signs", {"sign", "why"}),
                          ("contacts", {"name", "first_step"})):
        path = data_copy / f"{name}.csv"
        table = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: markup + v if k in columns else v for k, v in row.items()} for row in table)
        path.write_text(out.getvalue(), encoding="utf-8")
    monkeypatch.setenv("MBC_EDU_DATA", str(data_copy))
    assert mbc_edu.validate(data_copy) == []
    html = mbc_edu.help_card().card.value
    assert markup not in html and html.count(esc(markup)) >= len(mbc_edu.load("warning_signs")) * 2 + len(contacts_of("helpline"))


def test_support_communities_are_in_lesson_8_not_on_the_urgent_card():
    community = contacts_of("community")
    assert len(community) >= 3
    living = mbc_edu.topic_browser("living")
    living.chooser.value = "Where to find more"
    card = mbc_edu.help_card().card.value
    for row in community.itertuples():
        assert esc(row.name) in living.cards.value and esc(row.name) not in card
