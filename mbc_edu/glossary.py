"""Lesson 10: a searchable glossary of every medical word in the course."""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .figures import glossary as glossary_figure
from .frame import Dashboard, dashboard
from .render import Page, esc, present
from .tables import load


class GlossarySearch(Dashboard):
    """Type part of a word to find it; every word shows with its plain meaning, then where the body parts are."""

    def __init__(self):
        page = Page.create()
        self.terms = page.cite(load("glossary")).sort_values("term", key=lambda c: c.str.lower())
        self.search = widgets.Text(description="Search for a word", placeholder="for example: biopsy",
                                   continuous_update=True, style={"description_width": "initial"})
        self.results = views.html()
        self.figure = glossary_figure(page)
        self.search.observe(self._show, "value")
        find = views.html("<h2>Find a word</h2><p>Type part of a word. The list below shows the words that match.</p>")
        super().__init__(page, [find, self.search, self.results, views.html(self.figure)], lesson="glossary")
        self._show()

    def describe(self) -> str:
        return f"{len(self.terms)} words; search: {self.search.value!r}"

    def matches(self, query: str):
        """Rows whose word, other forms or meaning contain ``query`` (any case)."""
        query = query.strip().lower()
        if not query:
            return self.terms
        text = (self.terms["term"] + " " + self.terms["also"].fillna("") + " " + self.terms["definition"]).str.lower()
        return self.terms[text.str.contains(query, regex=False)]

    def entries(self, found) -> str:
        """The words in ``found`` with their meanings, as a definition list."""
        items = "".join(f'<dt>{esc(r.term)}</dt><dd>{esc(r.definition)}'
                        + (f' <span class="mbc-small">(Also: {esc(", ".join(r.also.split("|")))})</span>' if present(r.also) else "")
                        + "</dd>" for r in found.itertuples())
        return f'<dl class="mbc-glossary">{items}</dl>' + self.page.source_line(zip(found["source_id"], found["section"]))

    def handout(self) -> str:
        return f"{self.figure}<h2>Every word in the course</h2>{self.entries(self.terms)}"

    def _show(self, change=None):
        found = self.matches(self.search.value)
        status = f"{len(found)} of {len(self.terms)} words shown."
        if found.empty:
            status = (f"No word in the glossary matches \u201c{self.search.value.strip()}\u201d. "
                      "Try another word, or ask your care team what it means.")
        self.results.value = f'<div aria-live="polite"><p class="mbc-status">{esc(status)}</p>{self.entries(found)}</div>'


@dashboard
def glossary_search() -> GlossarySearch:
    """Lesson 10 dashboard: the glossary."""
    return GlossarySearch()
