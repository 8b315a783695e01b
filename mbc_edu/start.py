"""Lesson 1: the start page — every lesson, and where the facts come from."""
from __future__ import annotations

import ipywidgets as widgets

from .frame import Dashboard, dashboard
from .render import Page, esc
from .tables import load, table_names

NOT_CONTENT = {"sources", "lessons"}


class StartPage(Dashboard):
    """Links to every lesson, and the list of every source the course uses."""

    def __init__(self):
        page = Page.create()
        for name in table_names():
            if name not in NOT_CONTENT:
                frame = load(name)
                # Every pair of source columns: source_id/section, care_source_id/care_section, ...
                for column in frame.columns[frame.columns.str.endswith("source_id")]:
                    page.cite(frame, column, column.removesuffix("source_id") + "section")
        lessons = load("lessons").sort_values("number")
        links = "".join(f'<li><a href="{esc(r.notebook)}">{r.number}. {esc(r.title)}</a> &ndash; {esc(r.summary)}</li>'
                        for r in lessons.itertuples())
        nav = widgets.HTML(f'<nav class="mbc-nav" aria-label="Lessons"><h2>The lessons</h2><ol>{links}</ol></nav>')
        self.lessons = lessons
        super().__init__(page, [nav], lesson="start")

    def describe(self) -> str:
        return f"{len(self.lessons)} lessons, {len(self.page.cited)} sources"


@dashboard
def start_page() -> StartPage:
    """Lesson 1 dashboard: the course's table of contents and its sources."""
    return StartPage()
