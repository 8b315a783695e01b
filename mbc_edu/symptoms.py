"""Lesson 4: choose signs; see how urgent each is, what else causes it, what to do, where it
can come from, and the tests a care team may use."""
from __future__ import annotations

import re

import ipywidgets as widgets

from . import views
from .frame import Dashboard, dashboard
from .render import Page, esc, urgency
from .tables import load

# The two groups of tick boxes: the article's key signs first, then the others. Both can come
# from cancer that has spread, and both have many other causes.
KEY_SIGNS = "Signs most often linked to cancer that has spread (each has many other causes too)"
MORE_SIGNS = "More signs that can come from cancer that has spread (each has many other causes too)"
CARE_TEAM = ("A sign is not a diagnosis. This page cannot tell what is causing a sign; only your "
             "care team can. Most signs have many possible causes.")
COMMON_FIRST = ("A care team first looks for common causes, such as side effects, an infection or an everyday "
                "illness. They use tests like these when they need to rule out cancer that has spread.")
RESULT_ID = "mbc-sign-result"  # the result panel, which the status under the boxes links to
# How a what_to_do text names each urgency level (a sign's urgency_id is its usual case).
NAMES = {"emergency": r"\b911\b|\bemergency room now\b",
         "call-now": r"\bcall (your care team|your team|them)\b[^.]*?\bnow\b|\bday or night\b",
         "next-visit": r"\bnext visit\b"}


def named_levels(text: str) -> set[str]:
    """The urgency levels that a what_to_do text names."""
    return {level for level, pattern in NAMES.items() if re.search(pattern, text, re.I)}


def sign_card(page: Page, sign, labels: dict[str, str], text, places: list[str] | None = None,
              level: int = 3) -> str:
    """One sign: how urgent it usually is and when to call 911, ``text``, where cancer can cause it,
    what else does, what to do."""
    parts = [("", text)]
    if places:
        parts.append(("Sometimes linked to cancer in", ", ".join(places)))
    parts += [("Many other things can cause it too, such as", sign["other_causes"]),
              ("What to do", sign["what_to_do"])]
    level_id = sign["urgency_id"]
    usually = bool(named_levels(sign["what_to_do"]) - {level_id})  # its steps name other levels too
    return page.block(parts, sign["name"], level=level,
                      lead=urgency(level_id, labels[level_id], usually, sign["call_911_if"]),
                      css=f"mbc-card mbc-sign mbc-sign-{esc(level_id)}",
                      sources=[(sign["source_id"], sign["section"]), (sign["care_source_id"], sign["care_section"])])


def urgency_labels(page: Page) -> dict[str, str]:
    """Each urgency level's label, by id (the levels are cited on the page)."""
    levels = page.cite(load("urgency_levels"))
    return dict(zip(levels["id"], levels["label"]))


class SymptomExplorer(Dashboard):
    """Tick one or more signs; see how urgent each is, its causes, what to do, and the tests."""

    def __init__(self):
        page = Page.create()
        self.symptoms = page.cite(load("symptoms")).set_index("id", drop=False)
        page.cite(self.symptoms, "care_source_id", "care_section")
        self.labels = urgency_labels(page)
        sites = load("sites")[["id", "name"]].rename(columns={"id": "site_id", "name": "site"})
        self.links = page.cite(load("site_symptoms")).merge(sites, on="site_id")
        tests = load("tests")[["id", "name"]].rename(columns={"id": "test_id", "name": "test"})
        self.targets = page.cite(load("test_targets")).merge(tests, on="test_id")
        self.boxes = {r.id: views.checkbox(r.name) for r in self.symptoms.itertuples()}
        for box in self.boxes.values():
            box.observe(self._show, "value")
        self.clear = widgets.Button(description="Clear all", tooltip="Untick every sign",
                                    layout={"align_self": "flex-start"})
        self.clear.on_click(self._clear)
        self.result = views.html()
        self._quiet = False
        key = self.symptoms["key_sign"]
        grid = {"grid_template_columns": "repeat(auto-fill, minmax(17rem, 1fr))", "width": "100%"}
        self.status = views.html()  # under the boxes: what changed, and a link to it
        self.status.add_class("mbc-sign-status")
        self.result.add_class("mbc-sign-panel")  # on wide screens: beside the boxes, kept in view
        choices = widgets.VBox([
            views.html("<h2>Choose the signs you want to learn about</h2>"
                       "<p>Tick one or more boxes to see how urgent each sign is and what to do.</p>"
                       f"<h3>{esc(KEY_SIGNS)}</h3>"),
            widgets.GridBox([self.boxes[i] for i in self.symptoms.index[key]], layout=grid),
            views.html(f"<h3>{esc(MORE_SIGNS)}</h3>"),
            widgets.GridBox([self.boxes[i] for i in self.symptoms.index[~key]], layout=grid),
            self.clear, self.status])
        choices.add_class("mbc-sign-choices")
        side_by_side = widgets.Box([choices, self.result])
        side_by_side.add_class("mbc-signs")
        super().__init__(page, [side_by_side], lesson="symptoms")
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

    def signs(self, chosen: list[str]) -> tuple[str, list[str]]:
        """The cards of the ``chosen`` signs, and the places they can be linked to."""
        cards, places, sources = [], [], []  # one source line and one words box for all the cards
        for symptom_id in chosen:
            row = self.symptoms.loc[symptom_id]
            links = self.links[self.links["symptom_id"] == symptom_id]
            places += [p for p in links["site_id"] if p not in places]
            cards.append(lambda row=row, links=links: sign_card(self.page, row, self.labels, row["description"],
                                                                list(links["site"])))
            sources += [*zip(links["source_id"], links["section"]), (row["source_id"], row["section"]),
                        (row["care_source_id"], row["care_section"])]
        return self.page.cards(cards, sources), places

    def tests(self, places: list[str], level: int = 3) -> str:
        """The tests a care team may use to look at ``places`` (and the general ones)."""
        tests = self.targets[self.targets["site_id"].isin(places) | self.targets["site_id"].isna()]
        return self.page.block([], "Tests a care team may use to look for the cause", level=level,
                               lead=f"<p>{esc(COMMON_FIRST)}</p>", bullets=list(dict.fromkeys(tests["test"])),
                               sources=zip(tests["source_id"], tests["section"]),
                               extra='<p class="mbc-small">What each test is like: <a href="05-Tests.ipynb">Tests lesson</a>.</p>')

    def handout(self) -> str:
        cards, places = self.signs(list(self.symptoms.index))
        return f"<h2>Every sign in this lesson</h2><p>{esc(CARE_TEAM)}</p>{cards}{self.tests(places)}"

    def _show(self, change=None):
        if self._quiet:
            return
        chosen = self.chosen
        self.page.new_view()
        note = f'<p class="mbc-notice"><strong>Remember:</strong> {esc(CARE_TEAM)}</p>'
        region = f'<div id="{RESULT_ID}" tabindex="-1" aria-live="polite"><h2>About the signs you chose</h2>'
        if not chosen:
            self.status.value = '<p role="status">No sign is ticked yet.</p>'
            self.result.value = f"{region}<p>No sign is ticked yet.</p>{note}</div>"
            return
        html, places = self.signs(chosen)
        html += self.tests(places)
        count = f"{len(chosen)} sign{'s' if len(chosen) > 1 else ''} ticked"
        self.status.value = (f'<p role="status"><a href="#{RESULT_ID}">{count}: see what it can mean'
                             '<span class="mbc-sign-below"> below</span></a></p>')
        self.result.value = f'{region}<p class="mbc-status">{count}.</p>{note}{html}</div>'


@dashboard
def symptom_explorer() -> SymptomExplorer:
    """Lesson 4 dashboard: signs and symptoms."""
    return SymptomExplorer()
