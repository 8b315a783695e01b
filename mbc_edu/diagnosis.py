"""Lesson 5: the tests used to find metastatic breast cancer."""
from __future__ import annotations

import ipywidgets as widgets

from .frame import Dashboard, dashboard
from .render import Page, esc
from .tables import load


class TestExplorer(Dashboard):
    """Choose a test to see what it is, what it looks for and what it is like."""

    __test__ = False  # not a pytest class

    def __init__(self):
        page = Page.create()
        self.tests = page.cite(load("tests")).set_index("id", drop=False)
        page.cite(self.tests, "expect_source_id", "expect_section")
        sites = load("sites")[["id", "name"]].rename(columns={"id": "site_id", "name": "site"})
        self.targets = page.cite(load("test_targets")).merge(sites, on="site_id", how="left")
        notes = page.cite(load("topics"))
        notes = notes[notes["lesson_id"] == "tests"].sort_values("order")
        self.list = widgets.Select(options=[(n, i) for i, n in zip(self.tests.index, self.tests["name"])],
                                   rows=min(len(self.tests), 14), description="Test",
                                   layout=widgets.Layout(width="20rem"),
                                   style={"description_width": "initial"})
        self.detail = widgets.HTML()
        self.list.observe(self._show, "value")
        after = "".join(page.block([("", r.body)], r.title, sources=[(r.source_id, r.section)])
                        for r in notes.itertuples())
        super().__init__(page, [widgets.HTML("<h2>Choose a test</h2><p>Use the list: press Tab to reach it, "
                                             "then the arrow keys.</p>"),
                                widgets.HBox([self.list, self.detail], layout={"flex_flow": "row wrap"}),
                                widgets.HTML(f"<h2>Results, biopsy and the pathology report</h2>{after}")])
        self.detail.layout = {"flex": "1 1 28rem"}
        self._show()

    def describe(self) -> str:
        return f"{len(self.tests)} tests; showing {self.tests.at[self.list.value, 'name']}"

    def _show(self, change=None):
        test = self.tests.loc[self.list.value]
        uses = self.targets[self.targets["test_id"] == test["id"]]
        page = self.page
        html = page.block([("What it is", test["what_it_is"]), ("What it looks for", test["looks_for"])],
                          "About this test", sources=[(test["source_id"], test["section"])])
        html += page.block([("", test["what_to_expect"])], "What it is like",
                           sources=[(test["expect_source_id"], test["expect_section"])])
        html += page.block([(r.site, r.purpose) if isinstance(r.site, str) else ("", r.purpose)
                            for r in uses.itertuples()], "When it is used",
                           sources=zip(uses["source_id"], uses["section"]))
        self.detail.value = (f'<div aria-live="polite"><h2>{esc(test["name"])}</h2>'
                             f'<p><span class="mbc-badge">{esc(test["kind"]).capitalize()}</span></p>{html}</div>')


@dashboard
def test_explorer() -> TestExplorer:
    """Lesson 5 dashboard: tests."""
    return TestExplorer()
