"""When to get help right away: the warning signs by how urgent they are, and whom to call.

``help_box(page)`` is the box that lessons showing signs include; ``help_card()`` is lesson
11, the same box with the contacts, printable as a card for the fridge or a wallet.
"""
from __future__ import annotations

import re

from . import views
from .figures import fever
from .frame import Dashboard, dashboard
from .printing import PrintButton
from .render import URGENCY_ICONS, Page, bullet_list, esc, sentence, tel_links, unique_id
from .tables import load

TITLE = "When to get help right away"
INTRO = ("These signs need a doctor or nurse. Each one can have many causes, and none of them proves "
         "that the cancer has moved to a new part of the body. "
         "If a sign fits more than one level, follow the more urgent one.")
CARD = "mbc-help-card"


def steps(text: str) -> list[str]:
    """The sentences of an ``action`` cell, one step each."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", text.strip()) if s]


def help_box(page: Page) -> str:
    """Safe HTML: each urgency level, most urgent first: what to do right under its heading, then its signs.

    The box is a view of its own (it is printed alone as lesson 11's card): a medical word has its
    plain meaning in brackets at its first use in the box, and the box ends with its words to know."""
    levels = page.cite(load("urgency_levels")).sort_values("order")
    signs = page.cite(load("warning_signs")).sort_values("order")
    anchor, used, explained = unique_id("w"), [], set()

    def linked(text: str) -> str:
        return tel_links(page.glossary.link(text, anchor, used, explained))

    html = ""
    for n, level in enumerate(levels.itertuples(), 1):
        own = signs[signs["urgency_id"] == level.id]
        items = [f'<strong>{linked(sentence(s.sign))}</strong> <span class="mbc-why">{linked(s.why)}</span>'
                 for s in own.itertuples()]
        todo = "".join(f"<li>{linked(step)}</li>" for step in steps(level.action))
        html += (f'<section class="mbc-help-level mbc-help-{esc(level.id)}">'
                 f'<h3><span class="mbc-urgency-icon" aria-hidden="true">{URGENCY_ICONS[level.id]}</span> '
                 f'<span class="mbc-help-rank">Level {n} of {len(levels)}:</span> {esc(level.label)}</h3>'
                 + f"<p><strong>What to do:</strong></p><ol>{todo}</ol>"
                 + (f"<p><strong>If you have:</strong></p>{bullet_list(items)}" if items else "") + "</section>")
    cited = page.source_line([*zip(levels["source_id"], levels["section"]), *zip(signs["source_id"], signs["section"])])
    words = page.glossary.words_to_know(anchor, used)
    return (f'<section class="mbc-help" aria-label="{esc(TITLE)}"><h2>{esc(TITLE)}</h2><p>{linked(INTRO)}</p>'
            f"{html}{cited}{words}</section>")


def contacts_of(kind: str):
    """The contacts rows of one kind ("helpline" for lesson 11, "community" for lesson 8), in order."""
    contacts = load("contacts")
    return contacts[contacts["kind"] == kind].sort_values("order")


def contacts_box(page: Page, kind: str = "helpline", title: str = "Whom to call") -> str:
    """Safe HTML: whom to reach, how, when, and the first step, from the contacts table.

    The help lines (lesson 11's card) come with lines to write in the care team's own numbers.
    """
    rows = page.cite(contacts_of(kind))
    items = [f'<h3>{esc(r.name)}</h3><p class="mbc-helps">{esc(r.helps_with)}</p>'
             f"<p><strong>How:</strong> {tel_links(esc(r.how))}</p><p><strong>When:</strong> {esc(r.hours)}</p>"
             f'<p class="mbc-first-step"><strong>First step:</strong> {esc(r.first_step)}</p>'
             for r in rows.itertuples()]
    own = ('<p class="mbc-no-print">On paper, write your care team\'s numbers on these lines.</p>'
           '<div class="mbc-write-in"><p><strong>My care team, day:</strong> <span class="mbc-line"></span></p> '
           '<p><strong>Nights and weekends:</strong> <span class="mbc-line"></span></p></div>') if kind == "helpline" else ""
    return (f'<section class="mbc-contacts"><h2>{esc(title)}</h2>{own}'
            f"{bullet_list(items)}{page.source_line(zip(rows['source_id'], rows['section']))}</section>")


class HelpCard(Dashboard):
    """Lesson 11: the help box and whom to call, with a button that prints them as one card."""

    def __init__(self):
        page = Page.create()
        self.levels, self.signs, self.contacts = load("urgency_levels"), load("warning_signs"), contacts_of("helpline")
        self.card = views.html(f'<div class="{CARD}">{help_box(page)}{contacts_box(page)}</div>')
        self.print_button = PrintButton("Print this card", CARD)
        tip = views.html("<p>Keep this card on the fridge or in a wallet.</p>")
        picture = views.html(fever(page))  # on screen and in the page's print, not on the one-page card
        super().__init__(page, [tip, self.print_button, self.card, picture], lesson="help")

    def describe(self) -> str:
        return f"{len(self.levels)} levels, {len(self.signs)} warning signs, {len(self.contacts)} contacts"


@dashboard
def help_card() -> HelpCard:
    """Lesson 11 dashboard: when to get help right away, as a printable card."""
    return HelpCard()
