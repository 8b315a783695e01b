"""Lesson 4: choose signs, see the places they can point to and the tests a care team may use."""
from __future__ import annotations

import ipywidgets as widgets

from .frame import Dashboard, dashboard
from .render import Page, esc
from .tables import load

CARE_TEAM = ("This page cannot tell what is causing a sign. Only your care team can. "
             "If you notice a sign that is new or does not go away, tell your care team.")


class SymptomExplorer(Dashboard):
    """Tick one or more signs; see where they can come from and which tests may be used."""

    def __init__(self):
        page = Page.create()
        self.symptoms = page.cite(load("symptoms")).set_index("id", drop=False)
        sites = load("sites")[["id", "name"]].rename(columns={"id": "site_id", "name": "site"})
        self.links = page.cite(load("site_symptoms")).merge(sites, on="site_id")
        tests = load("tests")[["id", "name"]].rename(columns={"id": "test_id", "name": "test"})
        self.targets = page.cite(load("test_targets")).merge(tests, on="test_id")
        self.boxes = {r.id: widgets.Checkbox(description=r.name, value=False, indent=False,
                                             layout={"width": "auto"}) for r in self.symptoms.itertuples()}
        for box in self.boxes.values():
            box.observe(self._show, "value")
        self.clear = widgets.Button(description="Clear all", tooltip="Untick every sign")
        self.clear.on_click(self._clear)
        self.result = widgets.HTML()
        self._quiet = False
        key = self.symptoms["key_sign"]
        grid = {"grid_template_columns": "repeat(auto-fill, minmax(17rem, 1fr))", "width": "100%"}
        children = [widgets.HTML("<h2>Choose the signs you want to learn about</h2>"
                                 "<p>Tick one or more boxes. Use Tab to move and Space to tick.</p>"
                                 "<h3>Main signs of metastatic breast cancer</h3>"),
                    widgets.GridBox([self.boxes[i] for i in self.symptoms.index[key]], layout=grid),
                    widgets.HTML("<h3>Other signs, by place in the body</h3>"),
                    widgets.GridBox([self.boxes[i] for i in self.symptoms.index[~key]], layout=grid),
                    self.clear, self.result]
        super().__init__(page, children)
        self._show()

    @property
    def chosen(self) -> list[str]:
        """Ids of the ticked signs, in table order."""
        return [i for i, box in self.boxes.items() if box.value]

    def describe(self) -> str:
        return f"{len(self.boxes)} signs; ticked: {', '.join(self.chosen) or 'none'}"

    def _clear(self, button=None):
        self._quiet = True
        for box in self.boxes.values():
            box.value = False
        self._quiet = False
        self._show()

    def _show(self, change=None):
        if self._quiet:
            return
        page, chosen = self.page, self.chosen
        note = f'<p class="mbc-notice"><strong>Remember:</strong> {esc(CARE_TEAM)}</p>'
        if not chosen:
            self.result.value = f'<div aria-live="polite"><h2>What these signs can point to</h2>' \
                                f"<p>No sign is ticked yet.</p>{note}</div>"
            return
        html, places = "", []
        for symptom_id in chosen:
            row = self.symptoms.loc[symptom_id]
            links = self.links[self.links["symptom_id"] == symptom_id]
            places += [p for p in links["site_id"] if p not in places]
            where = ", ".join(links["site"]) or "No single place. Tell your care team about it."
            html += page.block([("", row["description"]), ("Can point to", where)], row["name"],
                               sources=[(row["source_id"], row["section"])] + list(zip(links["source_id"], links["section"])))
        tests = self.targets[self.targets["site_id"].isin(places) | self.targets["site_id"].isna()]
        names = list(dict.fromkeys(tests["test"]))
        html += page.block([("", ", ".join(names))], "Tests a care team may use to look for the cause",
                           sources=zip(tests["source_id"], tests["section"]),
                           extra='<p class="mbc-small">What each test is like: <a href="05-Tests.ipynb">Tests lesson</a>.</p>')
        count = f"{len(chosen)} sign{'s' if len(chosen) > 1 else ''} ticked"
        self.result.value = (f'<div aria-live="polite"><h2>What these signs can point to</h2>'
                             f'<p class="mbc-status">{count}.</p>{note}{html}</div>')


@dashboard
def symptom_explorer() -> SymptomExplorer:
    """Lesson 4 dashboard: signs and symptoms."""
    return SymptomExplorer()
