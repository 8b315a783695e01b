"""Lesson 5: the tests used to find metastatic breast cancer: before, during and after each."""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .figures import getting_ready
from .frame import Dashboard, dashboard
from .render import Page, esc
from .tables import load


class TestExplorer(Dashboard):
    """Choose a test to see what it is, how to get ready, what it is like, and when results come."""

    __test__ = False  # not a pytest class

    def __init__(self):
        page = Page.create()
        self.tests = page.cite(load("tests")).set_index("id", drop=False)
        page.cite(self.tests, "expect_source_id", "expect_section")
        page.cite(self.tests, "prep_source_id", "prep_section")
        sites = load("sites")[["id", "name"]].rename(columns={"id": "site_id", "name": "site"})
        self.targets = page.cite(load("test_targets")).merge(sites, on="site_id", how="left")
        notes = page.cite(load("topics"))
        notes = notes[notes["lesson_id"] == "tests"].sort_values("order")
        explained: set[str] = set()  # each test's name with its plain meaning: the choice says what it is
        self.list = widgets.RadioButtons(options=[(page.glossary.plain(n, explained), i)
                                                  for i, n in zip(self.tests.index, self.tests["name"])],
                                         description="Choose a test", layout=widgets.Layout(width="22rem", max_width="100%"),
                                         style={"description_width": "initial"})
        self.detail = views.html()
        self.list.observe(self._show, "value")
        self.notes = "<h2>Results, biopsy and the pathology report</h2>" + page.cards(
            [{"parts": [("", r.body)], "title": r.title} for r in notes.itertuples()], zip(notes["source_id"], notes["section"]))
        self.ready = getting_ready(page)  # before, during and after any test, as a picture
        super().__init__(page, [views.html(self.ready + "<h2>Choose a test</h2><p>Choose a test in the list to see "
                                           "before, during and after it. The words in brackets say what each "
                                           "test is.</p>"),
                                widgets.HBox([self.list, self.detail], layout={"flex_flow": "row wrap"}),
                                views.html(self.notes)], lesson="tests")
        self.detail.layout = {"flex": "1 1 28rem"}
        self._show()

    def describe(self) -> str:
        return f"{len(self.tests)} tests; showing {self.tests.at[self.list.value, 'name']}"

    def handout(self) -> str:
        return self.ready + "<h2>Every test in this lesson</h2>" + "".join(
            f'<section class="mbc-handout-part"><h2>{esc(test["name"])}</h2>{self.test_html(test)}</section>'
            for _, test in self.tests.iterrows()) + self.notes

    def _show(self, change=None):
        self.page.new_view()
        test = self.tests.loc[self.list.value]
        self.detail.value = f'<div aria-live="polite"><h2>{esc(test["name"])}</h2>{self.test_html(test)}</div>'

    def test_html(self, test) -> str:
        """One test: what it is, before (getting ready), during (what it is like, how long), after."""
        uses = self.targets[self.targets["test_id"] == test["id"]]
        page = self.page
        html = page.block([("What it is", test["what_it_is"]), ("What it looks for", test["looks_for"])],
                          "About this test", sources=[(test["source_id"], test["section"])])
        html += page.block([("How to get ready", test["prepare"])], "Before the test",
                           sources=[(test["prep_source_id"], test["prep_section"])])
        html += page.block([("What it is like", test["what_to_expect"]), ("How long it takes", test["duration"])],
                           "During the test", sources=[(test["expect_source_id"], test["expect_section"]),
                                                       (test["prep_source_id"], test["prep_section"])])
        html += page.block([("When and how results come", test["results"])], "After the test",
                           sources=[(test["prep_source_id"], test["prep_section"])])
        html += page.block([(r.site, r.purpose) if isinstance(r.site, str) else ("", r.purpose)
                            for r in uses.itertuples()], "When it is used",
                           sources=zip(uses["source_id"], uses["section"]))
        return f'<p><span class="mbc-badge">{esc(test["kind"]).capitalize()}</span></p>{html}'


@dashboard
def test_explorer() -> TestExplorer:
    """Lesson 5 dashboard: tests."""
    return TestExplorer()
