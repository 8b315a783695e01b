"""Lesson 12, for nursing students: five oncologic emergencies, one at a time.

In the nursing view a chooser shows how to recognize each emergency, the first actions
and what to teach, with its sources. The patient view says plainly that the lesson is for
nursing students and points to lesson 11, "When to get help".
"""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .frame import Dashboard, dashboard
from .nursing import evidence
from .render import Page, esc, numbered
from .tables import load

FOR_PATIENTS = ("If you have cancer, or care for someone who does, go to lesson 11, When to get help. "
                "It shows the signs that need help right away and what to do. Nursing students: choose "
                "Nursing student at the top of this page to see the lesson.")


class EmergencyGuide(Dashboard):
    """A chooser of the emergencies (in the nursing layer) and the chosen one's card; all five print."""

    def __init__(self):
        page = Page.create()
        lesson = load("lessons").set_index("id").loc["emergencies"]
        help_lesson = load("lessons").set_index("id").loc["help"]
        self.for_patients = views.html(
            f'<section class="mbc-card mbc-for-patients"><h2>This lesson is for nursing students</h2><p>{esc(FOR_PATIENTS)}</p>'
            f'<p><a href="{esc(help_lesson.notebook)}">Go to lesson {help_lesson.number}: {esc(help_lesson.title)}</a>'
            f"</p></section>")
        super().__init__(page, [self.for_patients], lesson=lesson.name)
        self.audience.only_for("patient", self.for_patients)
        self.rows = self.nursing.page.cite(load("emergencies")).sort_values("order").set_index("id")
        self.chooser = widgets.Dropdown(options=list(zip(self.rows["name"], self.rows.index)),
                                        description="Choose an emergency", style={"description_width": "initial"},
                                        layout={"width": "auto", "max_width": "100%"})
        self.card = views.html()
        self.nursing.page.new_view()
        self.all_five = views.html(f'<section class="mbc-handout-body" aria-label="All five emergencies, for print">'
                                   f'{"".join(self.card_html(id_) for id_ in self.rows.index)}</section>')
        self.all_five.add_class("mbc-handout")  # printed instead of the chooser and its card
        for part in (self.chooser, self.card):
            part.add_class("mbc-no-print")
        self.chooser.observe(self._show, "value")
        self.nursing.add(views.html(f"<h3>{esc(lesson.title)}</h3>"), self.chooser, self.card, self.all_five)
        self._show()

    def describe(self) -> str:
        return f"{len(self.rows)} emergencies; showing {self.chooser.label}"

    def card_html(self, emergency: str) -> str:
        """One emergency's card: what happens, how to recognize it, first actions, what to teach."""
        row, page = self.rows.loc[emergency], self.nursing.page
        steps = "".join(f"<li>{esc(step)}</li>" for step in numbered(row["first_actions"]))
        extra = (f"<p><strong>First actions:</strong></p><ol>{steps}</ol>"
                 f"<p><strong>Teach the patient and family:</strong> {esc(row['teach'])}</p>{evidence(row['year'])}")
        return page.block([("What happens", row["what_happens"]), ("Recognize", row["recognize"])], row["name"],
                          level=4, extra=extra, sources=[(row["source_id"], row["section"])], css="mbc-card mbc-emergency")

    def _show(self, change=None) -> None:
        self.nursing.page.new_view()
        self.card.value = f'<div aria-live="polite">{self.card_html(self.chooser.value)}</div>'


@dashboard
def emergencies() -> EmergencyGuide:
    """Lesson 12 dashboard (nursing students): recognize and act on five oncologic emergencies."""
    return EmergencyGuide()
