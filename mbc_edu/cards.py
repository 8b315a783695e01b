"""Readings grouped by theme, one group on screen at a time (lessons 2, 7 and 8)."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from . import views
from . import figures as pictures
from .frame import Dashboard, dashboard
from .render import Page, esc
from .safety import contacts_box
from .tables import load

TREATMENT_GROUPS = {"factor": "What shapes the choice", "systemic": "Whole-body treatment",
                    "local": "Treatment for one area", "trial": "Clinical trials", "goal": "Goals of treatment"}
# lesson: {theme: what it shows above its readings (a picture, or the support communities to reach)}
THEME_FIGURES = {"basics": {"How it spreads": pictures.spread},
                 "living": {"Pain control": pictures.pain_scale, "Palliative care and hospice": pictures.living,
                            "Where to find more": lambda page: contacts_box(page, "community", "Support from other people")}}


class CardBrowser(Dashboard):
    """A row of buttons, one per group; the chosen group's cards are shown below.

    ``figures`` maps a group to a picture shown above its cards; the key ``""`` puts a picture
    above the buttons.
    """

    def __init__(self, page: Page, rows: pd.DataFrame, group: str, title: str, body: str,
                 labels: dict[str, str], heading: str, prompt: str, lesson: str,
                 figures: dict[str, str] | None = None):
        self.rows, self.group, self.title, self.body = rows.sort_values("order"), group, title, body
        self.figures = figures or {}
        self.chooser = widgets.ToggleButtons(options=[(label, key) for key, label in labels.items()],
                                             description=prompt, style={"description_width": "initial"})
        self.cards = views.html()
        self.chooser.observe(self._show, "value")
        top = views.html(f"<h2>{esc(heading)}</h2>{self.figures.get('', '')}")
        super().__init__(page, [top, self.chooser, self.cards], lesson)
        self._show()

    def describe(self) -> str:
        return f"{len(self.chooser.options)} groups, {len(self.rows)} readings; showing {self.chooser.label}"

    def group_html(self, key: str, label: str) -> str:
        """One group's heading and its cards."""
        chosen = self.rows[self.rows[self.group] == key]
        cards = self.page.cards([{"parts": [("", getattr(r, self.body))], "title": getattr(r, self.title), "level": 4}
                                 for r in chosen.itertuples()], zip(chosen["source_id"], chosen["section"]))
        return f"<h3>{esc(label)}</h3>{self.figures.get(key, '')}{cards}"

    def handout(self) -> str:
        return self.figures.get("", "") + "".join(self.group_html(key, label) for label, key in self.chooser.options)

    def _show(self, change=None):
        self.page.new_view()
        self.cards.value = f'<div aria-live="polite">{self.group_html(self.chooser.value, self.chooser.label)}</div>'


@dashboard
def topic_browser(lesson: str) -> CardBrowser:
    """Readings of one lesson (for example ``"basics"`` or ``"living"``), grouped by theme."""
    page = Page.create()
    rows = page.cite(load("topics"))
    rows = rows[rows["lesson_id"] == lesson]
    if rows.empty:
        raise KeyError(f"no topics for lesson {lesson!r}")
    themes = {t: t for t in rows["theme"].drop_duplicates()}
    title = load("lessons").set_index("id").at[lesson, "title"]
    return CardBrowser(page, rows, "theme", "title", "body", themes, f"Explore: {title}", "Choose a topic", lesson,
                       {theme: draw(page) for theme, draw in THEME_FIGURES.get(lesson, {}).items()})


@dashboard
def treatment_explorer() -> CardBrowser:
    """Lesson 7 dashboard: what shapes treatment, the kinds of treatment, trials and goals."""
    page = Page.create()
    rows = page.cite(load("treatments"))
    labels = {k: v for k, v in TREATMENT_GROUPS.items() if (rows["category"] == k).any()}
    return CardBrowser(page, rows, "category", "name", "description", labels,
                       "How treatment is chosen", "Choose a part", "treatment", {"": pictures.treatment(page)})
