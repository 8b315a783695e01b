"""Safe HTML for the dashboards.

Every text from the tables is escaped here, so HTML or script in a cell shows
as text. Glossary words in a text link to a "Words to know" list under it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from importlib.resources import files
from itertools import count

import pandas as pd

from .tables import load, reviewed

NOTICE = ("This course is for learning, not medical advice. It cannot tell what is happening "
          "in your body. Ask your care team about your own health, tests and treatment.")
URGENCY_ICONS = {"emergency": "&#9888;", "call-now": "&#9742;", "next-visit": "&#9998;"}  # warning sign, phone, pencil
_ids = count(1)
PHONE = re.compile(r"(?<![\w-])(?:1-\d{3}-[\dA-Z](?:[\dA-Z-]*[\dA-Z])?|988|911)(?![\w-])")  # US numbers as written
# After a word, the text defines it there: "X means ...", "X is a/an/the ...", "X is when ...",
# "X is care for ..." (a kind of thing), "X are cancers that ..."; not "X is more likely" or
# "X are local treatments".
DEFINES = re.compile(r" (?:means |(?:is|are) (?:(?:a|an|the|another|one|when|where|for|cancers?|care|changes?|spread"
                     r"|kinds? of|types? of) |(?:[\w-]+ ){1,2}(?:that|which|who|whose|where) ))", re.IGNORECASE)
BRACKET = re.compile(r" \(([^()]*)\)")  # a bracket right after a word: its meaning, or another name
CALLED = re.compile(r"(?<![\w-])(?:is|are|also) called $", re.IGNORECASE)  # "... is called X": the text before defines X


def present(value) -> bool:
    """True unless the cell is empty (None, NA or NaN)."""
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


def esc(value) -> str:
    """Escape any cell for HTML; an empty cell becomes an empty string."""
    return escape(str(value)) if present(value) else ""


def stylesheet() -> str:
    """The course stylesheet as a ``<style>`` block (works in Voila and JupyterLab)."""
    return f"<style>{(files('mbc_edu') / 'assets' / 'style.css').read_text(encoding='utf-8')}</style>"


def unique_id(prefix: str) -> str:
    """An element id that is unique in the page."""
    return f"mbc-{prefix}-{next(_ids)}"


@dataclass
class Glossary:
    """Finds glossary words in a text and links them to their definitions."""

    terms: pd.DataFrame
    pattern: re.Pattern | None = field(init=False)
    lookup: dict[str, str] = field(init=False)
    short: dict[str, str] = field(init=False)

    def __post_init__(self):
        self.lookup = {}
        self.short = dict(zip(self.terms["id"], self.terms["short"]))
        for row in self.terms.itertuples():
            words = [row.term] + (row.also.split("|") if present(row.also) else [])
            for word in words:
                if word.strip():  # keyed by the escaped form, since links are made in escaped text
                    self.lookup.setdefault(escape(word.strip()).lower(), row.id)
        alternatives = sorted(self.lookup, key=len, reverse=True)
        self.pattern = (re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, alternatives)) + r")(?![\w-])",
                                   re.IGNORECASE) if alternatives else None)

    def link(self, text, anchor: str, used: list[str], explained: set[str] | None = None,
             defined: str | None = None) -> str:
        """Escape ``text`` and link the first use of each glossary word not yet in ``used``.

        A word's short plain meaning follows it in brackets the first time it appears in a
        view, unless the text defines it right there (:meth:`defined_here`) or
        it is ``defined``, the title of the card that explains it: ``explained`` holds the
        words already explained in the view (it is updated).
        """
        html = esc(text)
        if self.pattern is None:
            return html
        explained = set() if explained is None else explained

        def replace(match: re.Match) -> str:
            term_id = self.lookup[match.group(0).lower()]
            if term_id in used:
                return match.group(0)
            used.append(term_id)
            link = f'<a class="mbc-term" href="#{anchor}-{term_id}">{match.group(0)}</a>'
            glossed = self.defined_here(html, match) or term_id == self.term_of(defined)
            show = term_id not in explained and not glossed
            explained.add(term_id)
            return link + (f' <span class="mbc-short">({esc(self.short[term_id])})</span>' if show else "")

        return self.pattern.sub(replace, html)

    def defined_here(self, html: str, match: re.Match) -> bool:
        """Whether escaped ``html`` explains the glossary word of ``match`` right there, so that no
        second meaning follows it: "belly (abdomen)", "X (a meaning)", "X means ...", "X is a ...",
        "... is called X", "... also called X". A bracket that holds only another glossary name
        ("Pleural tap (thoracentesis)") is no meaning."""
        start, end = match.span()
        if html[start - 1:start] == "(" and html[end:end + 1] == ")" or CALLED.search(html, max(0, start - 13), start):
            return True
        bracket = BRACKET.match(html, end)
        if bracket:
            return bracket.group(1).strip().lower() not in self.lookup
        return DEFINES.match(html, end) is not None

    def unlinked(self, text, explained: set[str]) -> str:
        """Escaped ``text`` where each glossary word not yet in ``explained`` has its short meaning in
        brackets after it, and no link: for a view with no "Words to know" (a quiz question, a tick box)."""
        return re.sub(r"</?a\b[^>]*>", "", self.link(text, "", [], explained))

    def plain(self, text, explained: set[str]) -> str:
        """:meth:`unlinked` as plain text, for a widget label that cannot hold HTML."""
        return as_text(self.unlinked(text, explained))

    def term_of(self, title) -> str | None:
        """The glossary id a whole title names, if any ("Immunotherapy" -> its id)."""
        return self.lookup.get(esc(title).strip().lower()) if present(title) else None

    def words_to_know(self, anchor: str, used: list[str]) -> str:
        """A definition list of the words linked in a block (empty if none)."""
        if not used:
            return ""
        terms = self.terms.set_index("id")
        items = "".join(f'<dt id="{anchor}-{t}">{esc(terms.at[t, "term"])}</dt>'
                        f'<dd>{esc(terms.at[t, "definition"])}</dd>' for t in used)
        names = ", ".join(esc(terms.at[t, "term"]) for t in used)
        return (f'<details class="mbc-words"><summary>Words to know: {names}</summary><dl>{items}</dl>'
                f'<p class="mbc-small">More words: <a href="10-Glossary.ipynb">Glossary lesson</a></p></details>')


@dataclass
class Page:
    """Builds the HTML of a view: linked text, sources shown, glossary words listed."""

    glossary: Glossary
    sources: pd.DataFrame
    cited: dict[str, set[str]] = field(default_factory=dict)
    explained: set[str] = field(default_factory=set)
    shared: tuple[str, list[str]] | None = None  # while :meth:`cards` builds: its (anchor, used words)

    @classmethod
    def create(cls) -> "Page":
        return cls(Glossary(load("glossary")), load("sources").set_index("id"))

    def cite(self, frame: pd.DataFrame, source: str = "source_id", section: str = "section") -> pd.DataFrame:
        """Record the sources of every row a view can show, for its footer."""
        for source_id, name in zip(frame[source], frame[section]):
            self.cited.setdefault(source_id, set()).add(name)
        return frame

    def new_view(self) -> None:
        """Start a new view: each glossary word is explained again at its first use there."""
        self.explained = set()

    def source_line(self, pairs) -> str:
        """A short 'Source:' line naming each (source_id, section) pair once."""
        seen = list(dict.fromkeys((s, n) for s, n in pairs if present(s)))
        if not seen:
            return ""
        if len(seen) > SHORT_SOURCES:  # a long list stays short here; the page's folded list has it all
            publishers = ", ".join(dict.fromkeys(esc(self.sources.at[s, "publisher"]) for s, _ in seen))
            return (f'<p class="mbc-source">Sources: {len(seen)} pages from {publishers}, each listed under '
                    f'&ldquo;Sources for this page&rdquo; at the bottom.</p>')
        names = "; ".join(f"{esc(self.sources.at[s, 'publisher'])}, &ldquo;{esc(n)}&rdquo;" for s, n in seen)
        return f'<p class="mbc-source">Source: {names}</p>'

    def block(self, parts: list[tuple[str, object]], title: str | None = None, level: int = 3,
              sources=(), extra: str = "", bullets=(), css: str = "mbc-card", lead: str = "") -> str:
        """A card: optional heading, labelled paragraphs, bullets, a source line and words to know.

        ``parts`` are (label, text) pairs; an empty label gives a plain paragraph, and a text
        of numbered steps ("1. ... 2. ...") an ordered list. A card built inside :meth:`cards`
        has no source line or words to know of its own.
        ``bullets`` are texts shown as a bulleted list after them.
        ``sources`` are (source_id, section) pairs. ``lead`` (after the heading) and ``extra``
        (after the text) are trusted HTML built in this package (for example escaped items).
        """
        anchor, used = self.shared or (unique_id("w"), [])
        html = (f"<h{level}>{esc(title)}</h{level}>" if title else "") + lead
        for label, text in parts:
            if not present(text) or text == "":
                continue
            strong = f"<strong>{esc(label)}:</strong> " if label else ""
            intro, steps = intro_and_steps(str(text))
            if len(steps) > 1:
                items = "".join(f"<li>{self.link(step, anchor, used, title)}</li>" for step in steps)
                html += f"<p>{(strong + self.link(intro, anchor, used, title)).strip()}</p>" if strong or intro else ""
                html += f"<ol>{items}</ol>"
            else:
                html += f"<p>{strong}{self.link(text, anchor, used, title)}</p>"
        html += bullet_list([self.link(text, anchor, used, title) for text in bullets])
        html += extra
        if self.shared is None:
            html += self.source_line(sources) + self.glossary.words_to_know(anchor, used)
        return f'<section class="{css}">{html}</section>'

    def cards(self, cards: list, sources=()) -> str:
        """Several cards of one view, each a dict of :meth:`block` arguments or a function that
        builds one with :meth:`block`: a word is linked and explained once across them, then one
        source line (``sources``) and one "Words to know" box follow."""
        anchor, used = self.shared = unique_id("w"), []
        try:
            html = "".join(card() if callable(card) else self.block(**card) for card in cards)
        finally:
            self.shared = None
        return html + self.source_line(sources) + self.glossary.words_to_know(anchor, used)

    def link(self, text, anchor: str, used: list[str], defined: str | None = None) -> str:
        """Escaped ``text`` with its glossary words linked, and explained at first use in this view
        (not in the card whose title, ``defined``, is that word), and its phone numbers tap-to-call."""
        return tel_links(self.glossary.link(text, anchor, used, self.explained, defined))

    def sources_footer(self) -> str:
        """Every source cited on this view (folded), with the sections used, and the review date."""
        items = []
        for source_id in sorted(self.cited):
            row = self.sources.loc[source_id]
            date = f" Updated {long_date(row['date'])}." if present(row["date"]) else ""
            sections = "; ".join(sorted(esc(s) for s in self.cited[source_id]))
            items.append(f"<li>{esc(row['publisher'])}. <cite>{esc(sentence(row['title']))}</cite>{date} "
                         f'<a href="{esc(row["url"])}">{esc(row["url"])}</a>. Sections used: {sentence(sections)}</li>')
        return (f'<footer class="mbc-footer"><details class="mbc-sources"><summary><h2>Sources for this page '
                f'({len(items)})</h2></summary><ul>{"".join(items)}</ul></details>'
                f"<p>Content last reviewed on {long_date(reviewed())}.</p></footer>")


def sentence(text: str) -> str:
    """End a text with a full stop unless it already ends with punctuation."""
    return text if text.endswith((".", "?", "!")) else text + "."


def long_date(when) -> str:
    """A date the way people write it: July 2, 2025."""
    return f"{when:%B} {when.day}, {when.year}"


def notice(extra: str = "") -> str:
    """The education-not-advice notice shown at the top of every dashboard, then ``extra`` (trusted HTML)."""
    return f'<div class="mbc-notice" role="note"><p><strong>Please note:</strong> {esc(NOTICE)}</p>{extra}</div>'


def urgency(level_id: str, label: str, usually: bool = False, call_911_if=None) -> str:
    """How urgent a sign is: its words, an icon and a border style (never colour alone). ``usually``:
    the sign's steps also name other levels and this is its common case. ``call_911_if``, when
    given: its emergency case, a bold "Call 911 now if ..." line right under the badge."""
    lead = "Usually:" if usually else "How urgent:"
    html = (f'<p class="mbc-urgency mbc-urgency-{esc(level_id)}"><span class="mbc-urgency-icon" aria-hidden="true">'
            f'{URGENCY_ICONS[level_id]}</span> <strong>{lead}</strong> {esc(label)}</p>')
    if present(call_911_if) and str(call_911_if).strip():
        html += (f'<p class="mbc-urgency-911"><span class="mbc-urgency-icon" aria-hidden="true">{URGENCY_ICONS["emergency"]}'
                 f'</span> <strong>{tel_links(esc(sentence("Call 911 now if " + str(call_911_if).strip())))}</strong></p>')
    return html


SHORT_SOURCES = 3  # a view's Source line names at most this many sections


def numbered(text: str) -> list[str]:
    """The steps of a text written as "1. ... 2. ... 3. ..." (only the numbers in sequence split it);
    any other text is one step."""
    steps, rest, n = [], text.strip(), 1
    if not rest.startswith("1. "):
        return [rest]
    rest = rest[3:]
    while (found := re.search(rf"(?:^|\s){n + 1}\.\s", rest)):
        steps.append(rest[:found.start()].strip())
        rest, n = rest[found.end():], n + 1
    return steps + [rest.strip()]


def intro_and_steps(text: str) -> tuple[str, list[str]]:
    """A text's opening sentences and its numbered steps: "Why it helps. 1. Do this. 2. Then that."
    gives ("Why it helps.", ["Do this.", "Then that."]); a text without steps is ("", [text])."""
    start = re.search(r"(?:^|\s)1\.\s", text)
    if not start:
        return "", [text.strip()]
    return text[:start.start()].strip(), numbered(text[start.start():])


def tel_links(html: str) -> str:
    """Already-escaped ``html`` with each phone number (1-800-227-2345, 1-800-4-CANCER, 988, 911)
    made a tap-to-call link; the visible text stays as written."""
    return PHONE.sub(lambda m: f'<a class="mbc-tel" href="tel:{dial(m.group(0))}">{m.group(0)}</a>', html)


KEYPAD = {c: str(d) for d, letters in enumerate(["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"])
          for c in letters}  # a letter's digit on a phone keypad


def dial(number: str) -> str:
    """The digits to dial for a written number: letters as on a phone keypad."""
    return "".join(KEYPAD.get(c.upper(), c) for c in number if c.isalnum())


def as_text(html: str) -> str:
    """The plain text of trusted ``html`` (tags dropped, entities decoded), for a widget label."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def bullet_list(items: list[str]) -> str:
    """A list from already-safe HTML items."""
    return f"<ul>{''.join(f'<li>{i}</li>' for i in items)}</ul>" if items else ""
