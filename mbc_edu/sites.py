"""Lesson 3: where breast cancer can spread — a body map and an equal list."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from . import views
from .bodymap import BodyMap
from .frame import Dashboard, dashboard
from .render import Page, esc, present
from .symptoms import sign_card, urgency_labels
from .tables import load

GROUPS = {"common": "One of the most common places",
          "lobular": "Mostly with lobular breast cancer",
          "other": "Less common"}
NOT_PROOF = ("A sign does not prove that cancer has spread here. Many other things cause these signs "
             "too. Each sign says how urgent it is and what to do.")
KINDS = {"systemic": "Whole-body treatment", "local": "Treatment for one area"}


class SitePicker(Dashboard):
    """Choose a site on the body map or in the list to see what happens there."""

    def __init__(self):
        page = Page.create()
        self.sites = page.cite(load("sites")).set_index("id", drop=False)
        links = page.cite(load("site_symptoms"))
        symptoms = page.cite(page.cite(load("symptoms")), "care_source_id", "care_section")
        self.signs = links.merge(symptoms.drop(columns=["source_id", "section"]), left_on="symptom_id",
                                 right_on="id", suffixes=("", "_sign"))
        self.labels = urgency_labels(page)
        targets = page.cite(load("test_targets"))
        self.tests = targets.merge(load("tests")[["id", "name"]], left_on="test_id", right_on="id")
        self.treatments = page.cite(load("treatments"))
        first = self.sites.index[0]
        self.map = BodyMap(self.sites, value=first, label="Body map: choose a place to learn about")
        self.map.layout = widgets.Layout(width="36rem", max_width="100%")
        # Radio buttons, not a list box: a long name wraps on a phone instead of being cut off.
        self.list = widgets.RadioButtons(options=[(n, i) for i, n in zip(self.sites.index, self.sites["name"])],
                                         value=first, description="Place in the body",
                                         layout=widgets.Layout(width="auto", max_width="100%"))
        self.list.style.description_width = "initial"
        widgets.link((self.map, "value"), (self.list, "value"))
        self.detail = views.html()
        self.list.observe(self._show, "value")
        intro = views.html("<h2>Choose a place in the body</h2><p>Choose it from the list, or click a "
                           "dot on the body map.</p>")
        super().__init__(page, [intro, widgets.HBox([self.list, self.map], layout={"flex_flow": "row wrap",
                                                    "align_items": "flex-start"}), self.detail], lesson="where")
        self._show()

    def describe(self) -> str:
        return f"{len(self.sites)} places; showing {self.sites.at[self.list.value, 'name']}"

    def handout(self) -> str:
        overviews = self.overviews()
        general = self.page.block([(KINDS[r.category], r.description) for r in overviews.itertuples()],
                                  "How it can be treated, wherever it is", level=2,
                                  sources=zip(overviews["source_id"], overviews["section"]))
        return "<h2>Every place in this lesson</h2>" + "".join(
            f'<section class="mbc-handout-part"><h2>{esc(site["name"])}</h2>{self.site_html(site, False)}</section>'
            for _, site in self.sites.iterrows()) + general

    def overviews(self) -> pd.DataFrame:
        """Each kind of treatment's overview: its first row that names no site."""
        rows = self.treatments.sort_values("order")
        return pd.concat([rows[(rows["category"] == kind) & rows["site_id"].isna()].head(1) for kind in KINDS])

    def _show(self, change=None):
        self.page.new_view()
        site = self.sites.loc[self.list.value]
        self.detail.value = f'<div aria-live="polite"><h2>{esc(site["name"])}</h2>{self.site_html(site)}</div>'

    def site_html(self, site, overview: bool = True) -> str:
        """What happens at one site: its signs (each with how urgent it is), tests and treatment
        (with the overview of each kind of treatment unless ``overview`` is false)."""
        page = self.page
        badges = f'<span class="mbc-badge">{esc(GROUPS[site["group"]])}</span>'
        if site["often_no_symptoms"]:
            badges += '<span class="mbc-badge">Often causes no signs</span>'
        if present(site["risk_note"]):
            badges += '<span class="mbc-badge mbc-risk">Higher risk for some people</span>'
        html = page.block([("", site["description"]), ("Who is at higher risk", site["risk_note"])],
                          "What happens here", sources=[(site["source_id"], site["section"])])
        signs = self.signs[self.signs["site_id"] == site["id"]]
        cards = page.cards([lambda r=r: sign_card(page, r, self.labels, r["note"], level=4) for _, r in signs.iterrows()],
                           [*zip(signs["source_id"], signs["section"]), *zip(signs["care_source_id"], signs["care_section"])])
        html += (f'<section class="mbc-card"><h3>Signs it can cause</h3><p>{esc(NOT_PROOF)}</p>{cards}</section>'
                 if cards else page.block([("", "The source names no signs for this place.")], "Signs it can cause"))
        tests = self.tests[self.tests["site_id"] == site["id"]]
        # each test's name in the text, not a label, so that its plain meaning shows after it
        html += page.block([] if len(tests) else [("", "No test in this course is linked to this place.")],
                           "Tests that can look here", bullets=[f"{r.name}: {r.purpose}" for r in tests.itertuples()],
                           sources=zip(tests["source_id"], tests["section"]),
                           extra='<p class="mbc-small">More about each test: <a href="05-Tests.ipynb">Tests lesson</a></p>')
        rows = self.treatments.sort_values("order")
        # Each kind's overview; a medicine that fits only some cancers (immunotherapy) or a
        # treatment for another site (spine radiation) is never offered here.
        overviews = self.overviews() if overview else rows.iloc[:0]
        specific = rows[rows["site_id"] == site["id"]]
        shown = pd.concat([overviews, specific])
        if shown.empty:
            return f"<p>{badges}</p>{html}"
        html += page.block([(KINDS[r.category], r.description) for r in overviews.itertuples()]
                           + [(r.name, r.description) for r in specific.itertuples()],
                           "How it can be treated", sources=zip(shown["source_id"], shown["section"]),
                           extra='<p class="mbc-small">Your care team chooses treatment with you. More in the '
                                 '<a href="07-Treatment.ipynb">Treatment lesson</a>.</p>')
        return f"<p>{badges}</p>{html}"


@dashboard
def site_picker() -> SitePicker:
    """Lesson 3 dashboard: where breast cancer spreads."""
    return SitePicker()
