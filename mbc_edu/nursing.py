"""The nursing layer: what a lesson adds for nursing students.

Every lesson's dashboard holds one :class:`NursingLayer`, shown only while "Nursing student"
is chosen (see :mod:`mbc_edu.audience`) and built the first time it is. It opens with the lesson's learning objectives, then
the lesson's clinical notes (``nursing_notes``) and, in lesson 7, the drug classes
(``therapies``); ``layer.add(widget)`` adds a lesson's own widgets after them. Other parts
(practice) come last: a function ``build(page, lesson) -> list of widgets`` registered with
:func:`add_part` runs for every lesson. Their sources are cited on ``layer.page``:
they are listed in the page's sources footer in the nursing view only, so the patient view
stays as it is.
"""
from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from . import views
from .audience import AudienceSwitch
from .render import Page, esc
from .tables import load

TITLE = "For nursing students"
INTRO = ("Clinical depth for this lesson, at a nursing student's level. It is for learning: follow your "
         "school's and your clinical site's policies and your instructor.")

Part = Callable[[Page, str], list[widgets.Widget]]
PARTS: list[Part] = []  # registered with add_part: after the lesson's content


def add_part(build: Part) -> Part:
    """Register ``build(page, lesson)``: its widgets join every lesson's nursing layer, in order,
    after the lesson's content."""
    PARTS.append(build)
    return build


def lesson_rows(page: Page, table: str, lesson: str):
    """A table's rows for one lesson, in order, cited on ``page``."""
    rows = load(table)
    return page.cite(rows[rows["lesson_id"] == lesson].sort_values("order"))


def evidence(year) -> str:
    """Trusted HTML: the year of the evidence a row rests on."""
    return f'<p class="mbc-small mbc-year">Evidence from {esc(year)}.</p>'


def objectives(page: Page, lesson: str) -> list[widgets.Widget]:
    """The lesson's learning objectives ("By the end of this lesson you can: ...")."""
    rows = lesson_rows(page, "objectives", lesson)
    if rows.empty:
        return []
    return [views.html(page.block([], "Learning objectives", level=3, bullets=list(rows["objective"]),
                                  lead="<p>By the end of this lesson you can:</p>",
                                  sources=zip(rows["source_id"], rows["section"]), css="mbc-card mbc-objectives"))]


def notes(page: Page, lesson: str) -> list[widgets.Widget]:
    """The lesson's clinical notes, one card each."""
    rows = lesson_rows(page, "nursing_notes", lesson)
    if rows.empty:
        return []
    cards = "".join(page.block([("", r.body)], r.heading, level=4, sources=[(r.source_id, r.section)],
                               extra=evidence(r.year), css="mbc-card mbc-nursing-note") for r in rows.itertuples())
    return [views.html(f"<h3>Clinical notes</h3>{cards}")]


def therapies(page: Page, lesson: str) -> list[widgets.Widget]:
    """Lesson 7 only: each drug class, what it is used for, its FDA approval and year, what to watch and teach."""
    if lesson != "treatment":
        return []
    rows = page.cite(load("therapies")).sort_values("order")
    cards = "".join(page.block([("Examples", r.examples), ("Used for", r.used_for),
                                (f"FDA approval ({r.year})", r.approval), ("Watch for", r.watch_for),
                                ("Teach", r.teach)], r.name, level=4, sources=[(r.source_id, r.section)],
                               css="mbc-card mbc-therapy") for r in rows.itertuples())
    return [views.html(f"<h3>Drug classes in metastatic breast cancer</h3>{cards}")]


CONTENT: tuple[Part, ...] = (objectives, notes, therapies)


class NursingLayer(widgets.VBox):
    """A lesson's nursing parts, shown only for nursing students.

    ``page`` is the dashboard's (patient) page: the layer cites on its own page sharing its
    glossary and sources, and ``footer`` (the dashboard's sources footer) lists those sources
    too while "Nursing student" is chosen. The content and parts are made the first time the
    nursing view is chosen (:meth:`build`), so a patient's page carries none of their widgets.
    """

    def __init__(self, page: Page, lesson: str, switch: AudienceSwitch, footer: widgets.HTML):
        self.page, self.lesson_id = Page(page.glossary, page.sources), lesson
        self.patient_page, self.footer, self.patient_footer = page, footer, footer.value
        self.heading = views.html(f'<h2>{esc(TITLE)}</h2><p class="mbc-small">{esc(INTRO)}</p>')
        self.content: list[widgets.Widget] = []
        self.own: list[widgets.Widget] = []
        self.parts: list[widgets.Widget] = []
        self.built = False
        super().__init__([self.heading])
        self.add_class("mbc-nursing")
        self.switch = switch
        switch.only_for("nursing", self)
        switch.observe(self._follow, "value")
        self._follow()

    def add(self, *parts: widgets.Widget) -> None:
        """Add the lesson's own widgets after its content, before the registered parts (cite their
        rows on ``self.page``)."""
        self.own += parts
        self._place()

    def build(self) -> None:
        """Make the lesson's content and the registered parts, once."""
        if not self.built:
            self.built = True
            self.content = [w for build in CONTENT for w in build(self.page, self.lesson_id)]
            self.parts = [w for build in PARTS for w in build(self.page, self.lesson_id)]
            self._place()

    def _place(self) -> None:
        self.children = (self.heading, *self.content, *self.own, *self.parts)

    def _follow(self, change=None) -> None:
        """Built on the first nursing view; the footer lists the layer's sources too, in that view only."""
        if self.switch.audience != "nursing":
            self.footer.value = self.patient_footer
            return
        self.build()
        both = Page(self.page.glossary, self.page.sources, cited={})
        for cited in (self.patient_page.cited, self.page.cited):
            for source_id, sections in cited.items():
                both.cited.setdefault(source_id, set()).update(sections)
        self.footer.value = both.sources_footer()
