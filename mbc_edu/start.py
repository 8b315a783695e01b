"""Lesson 1: the start page — every lesson, and where the facts come from."""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .frame import Dashboard, dashboard
from .render import Page, esc
from .tables import load, table_names

NOT_CONTENT = {"sources", "lessons"}
FOR_NURSING = ("emergencies", "guide")  # lessons for nursing students and instructors: listed in their view only


def lesson_list(lessons, label: str, heading: str) -> widgets.HTML:
    """A nav list linking ``lessons``, by number."""
    links = "".join(f'<li><a href="{esc(r.notebook)}">{r.number}. {esc(r.title)}</a> &ndash; {esc(r.summary)}</li>'
                    for r in lessons.itertuples())
    return views.html(f'<nav class="mbc-nav" aria-label="{esc(label)}"><h2>{esc(heading)}</h2>'
                      f'<ol start="{lessons["number"].iloc[0]}">{links}</ol></nav>')


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
        nursing = lessons["id"].isin(FOR_NURSING)
        self.lessons = lessons
        super().__init__(page, [lesson_list(lessons[~nursing], "Lessons", "The lessons")], lesson="start")
        self.nursing.add(lesson_list(lessons[nursing], "Lessons for nursing students and instructors",
                                     "Lessons for nursing students and instructors"))

    def describe(self) -> str:
        return f"{len(self.lessons)} lessons, {len(self.page.cited)} sources"


@dashboard
def start_page() -> StartPage:
    """Lesson 1 dashboard: the course's table of contents and its sources."""
    return StartPage()
