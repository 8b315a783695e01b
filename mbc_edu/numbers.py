"""Lesson 6: key figures as icon arrays of 100 people, with a text alternative."""
from __future__ import annotations

import re
import textwrap

import ipywidgets as widgets

from . import views
from .chart import Chart
from .frame import Dashboard, dashboard
from .render import Page, esc
from .tables import load

COUNTED, OTHER = "#a63d00", "#595959"   # dark orange and grey: both over 4.5:1 on white
CHOICE = ("Some people want to see these numbers and some do not. Both are fine. They describe large "
          "groups of people in the past, not you. You can show them and hide them again at any time.")
NOT_PRINTED = "The survival numbers are printed only if you choose to show them on the screen first."
PERSON = "M{x} {y}m-7 0a7 7 0 1 0 14 0a7 7 0 1 0-14 0M{bx} {by}h20l-3 22h-14z"
OPPOSITE = {"nearly": "more than", "about": "about", "up to": "at least",
            "exactly": "exactly"}  # each qualifier's opposite: "nearly 30 in 100" do, "more than 70" do not
# The chart compares only figures about one group of people: women treated for early-stage breast cancer.
EARLY_STAGE = ("recurrence", "pan-t1n0", "pan-t1n1-3", "pan-t1n4-9", "late-recurrence")
CHART_GROUP = "Of women treated for early-stage breast cancer"
LABEL_WIDTH = 18  # characters per line of a bar's label, so that the chart keeps its bars on a phone


def phrase(stat) -> str:
    """The figure as a natural frequency, in two short sentences: 'Think of 100 women who ...
    Nearly 30 in 100 later get ...'."""
    return (f"Think of {stat['out_of']} {stat['population']}. "
            f"{stat['qualifier'].capitalize()} {stat['count']} in {stat['out_of']} {stat['outcome']}.")


def other_side(stat) -> str:
    """The people the figure does not count: 'More than 70 in 100 do not.' (shown with every figure
    but the survival ones, whose other side is deaths)."""
    if stat["sensitive"]:
        return ""
    rest = int(stat["out_of"]) - int(stat["count"])
    verb = "did not" if stat["outcome"].startswith("had ") else "do not"  # the outcome's tense
    return f"{OPPOSITE[stat['qualifier']].capitalize()} {rest} in {stat['out_of']} {verb}."


def newest_first(stats):
    """Figures ordered by the last year of their data, newest first."""
    return stats.sort_values("data_years", key=lambda years: years.str.findall(r"\d{4}").str[-1], ascending=False)


def person(x: float, y: float, counted: bool) -> str:
    """One person icon: filled when counted, an outline when not."""
    path = PERSON.format(x=x, y=y, bx=x - 10, by=y + 10)
    if counted:
        return f'<path d="{path}" fill="{COUNTED}" stroke="{COUNTED}" stroke-width="2"/>'
    return f'<path d="{path}" fill="#ffffff" stroke="{OTHER}" stroke-width="2"/>'


def icon_array(count: int, out_of: int = 100, columns: int = 10) -> str:
    """An SVG of ``out_of`` people in rows of ``columns``; the first ``count`` are filled in."""
    rows = -(-out_of // columns)
    icons = "".join(person(20 + 34 * (i % columns), 14 + 46 * (i // columns), i < count) for i in range(out_of))
    return (f'<svg viewBox="0 0 {34 * columns + 6} {46 * rows + 4}" width="100%" style="max-width:22rem" '
            f'aria-hidden="true" focusable="false">{icons}</svg>')


def text_alternative(stat) -> str:
    """What the picture shows, in words."""
    rest = stat["out_of"] - stat["count"]
    return (f"Picture of {stat['out_of']} people in rows of 10. {stat['count']} of them are filled in with "
            f"solid dark orange: they stand for the people the figure counts. The other {rest} are "
            f"grey outlines.")


def key() -> str:
    """A key that names both kinds of icon by shape, not only colour."""
    return ('<p class="mbc-key"><span><svg width="24" height="36" viewBox="8 0 24 36" aria-hidden="true">'
            f'{person(20, 8, True)}</svg>Filled person: counted in the figure</span>'
            '<span><svg width="24" height="36" viewBox="8 0 24 36" aria-hidden="true">'
            f'{person(20, 8, False)}</svg>Outline: not counted</span></p>')


def bar_label(label: str) -> str:
    """A bar's label in lines of at most ``LABEL_WIDTH`` characters, a range ("1 to 3") kept on one line."""
    return "<br>".join(textwrap.wrap(re.sub(r"(\d) to (\d)", "\\1\u00a0to\u00a0\\2", label), LABEL_WIDTH))


def comparison_figure(stats):
    """A plotly bar chart of every figure out of 100; counted people are hatched, not only coloured."""
    import plotly.graph_objects as go  # imported here: only this lesson draws with plotly

    labels = [bar_label(label) for label in stats["label"]]
    counted = [int(c) * 100 // int(n) for c, n in zip(stats["count"], stats["out_of"])]
    figure = go.Figure()
    figure.add_bar(y=labels, x=counted, orientation="h", name="Counted (hatched)",
                   marker={"color": COUNTED, "pattern": {"shape": "/", "fgcolor": "#ffffff"}})
    figure.add_bar(y=labels, x=[100 - c for c in counted], orientation="h", name="Not counted (white)",
                   marker={"color": "#ffffff", "line": {"color": OTHER, "width": 2}},
                   text=[f"{q} {c} in {n}" for q, c, n in zip(stats["qualifier"], stats["count"], stats["out_of"])],
                   textposition="inside", insidetextanchor="start", textfont={"size": 15, "color": "#1a1a1a"})
    figure.update_layout(barmode="stack", height=110 + 60 * len(labels), template="simple_white",
                         margin={"l": 10, "r": 10, "t": 10, "b": 40}, font={"size": 15, "color": "#1a1a1a"},
                         legend={"orientation": "h", "y": -0.35}, yaxis={"autorange": "reversed"},
                         uniformtext={"minsize": 14, "mode": "hide"},  # a bar too short for 14 px: no text
                         xaxis={"range": [0, 100], "title": {"text": "Out of 100"}})
    return figure


class NumbersView(Dashboard):
    """Choose a figure; see it as 100 people, in words, with who it is about and its source.

    Survival figures (``sensitive``) stay hidden until the learner chooses to see them.
    """

    def __init__(self):
        page = Page.create()
        self.stats = page.cite(load("statistics")).set_index("id", drop=False)
        self.figures = self.stats[~self.stats["sensitive"]]
        self.survival = newest_first(self.stats[self.stats["sensitive"]])
        self.chooser = widgets.ToggleButtons(options=[(r.label, r.id) for r in self.figures.itertuples()],
                                             description="Choose a figure", style={"description_width": "initial"})
        self.figure = views.html()
        self.chooser.observe(self._show, "value")
        charted = self.figures.loc[list(EARLY_STAGE)]
        others = self.figures.drop(index=list(EARLY_STAGE))
        self.comparison = Chart(comparison_figure(charted),
                                {"staticPlot": True, "displayModeBar": False, "responsive": True})
        compare = views.html(f"<h2>Figures side by side</h2><h3>{esc(CHART_GROUP)}</h3><p>Each bar stands "
                             "for 100 people. The hatched part is the people the figure counts. Each bar's "
                             "words are in full below the chart.</p>")
        page.new_view()
        alternative = views.html(page.cards(
            [{"parts": [], "title": "What the chart shows", "bullets": [phrase(r) for _, r in charted.iterrows()]},
             {"parts": [("", "Not in the chart, because they are about other groups of people:")],
              "bullets": [f"{r.label}: about {r.population}" for r in others.itertuples()]}],
            zip(charted["source_id"], charted["section"])))
        self.steps = page.cite(load("topics").query("lesson_id == 'numbers'")).sort_values("order")
        use = views.html()
        self.show_survival = widgets.ToggleButton(value=False, description="Show the survival numbers",
                                                  tooltip="Show or hide the numbers about how long people live",
                                                  layout={"align_self": "flex-start"})
        self.survival_view = views.html()
        self.show_survival.observe(self._show_survival, "value")
        survival = [views.html(f"<h2>Survival numbers</h2><p>{esc(CHOICE)}</p>"), self.show_survival,
                    self.survival_view] if len(self.survival) else []
        super().__init__(page, [views.html("<h2>Picture the numbers</h2>"), self.chooser, self.figure,
                                compare, self.comparison, alternative, use, *survival], lesson="numbers")
        page.new_view()
        use.value = self.steps_html()
        self._show()
        self._show_survival()

    def describe(self) -> str:
        count = len(self.survival)
        hidden = f"; {count} survival figure{'s' if count > 1 else ''} hidden" if count and not self.show_survival.value else ""
        return f"{len(self.figures)} figures; showing {phrase(self.stats.loc[self.chooser.value])}{hidden}"

    def steps_html(self) -> str:
        """The lesson's steps for using the numbers (rows of the topics table), as numbered lists."""
        return "".join(self.page.block([("", r.body)], r.title, level=2, sources=[(r.source_id, r.section)])
                       for r in self.steps.itertuples())

    def figure_html(self, stat, level: int = 3) -> str:
        """One figure: who it counts in words (medical words explained) and as 100 people, then a
        card on what it means, what it depends on and its years."""
        page = self.page

        def figure() -> str:
            anchor, used = page.shared  # the words of the card below: one "Words to know" box for both
            return (f'<figure class="mbc-figure" role="group" aria-label="{esc(stat["label"])}">'
                    f'<p class="mbc-big">{page.link(phrase(stat), anchor, used)} <strong>{esc(other_side(stat))}</strong></p>'
                    f'{icon_array(int(stat["count"]), int(stat["out_of"]))}'
                    f"<figcaption><strong>What the picture shows:</strong> {esc(text_alternative(stat))}</figcaption>"
                    f"</figure>{key()}")

        card = {"parts": [("What it means", stat["meaning"]), ("Keep in mind", stat["context"]),
                          ("Years of the data", stat["data_years"])], "title": "About this figure", "level": level + 1}
        return f'<h{level}>{esc(stat["label"])}</h{level}>' + page.cards([figure, card], [(stat["source_id"], stat["section"])])

    def handout(self) -> str:
        self.page.new_view()
        html = self.steps_html()
        html += "<h2>Every figure in this lesson</h2>" + "".join(self.figure_html(s) for _, s in self.figures.iterrows())
        if len(self.survival) and self.show_survival.value:
            html += "<h2>Survival numbers</h2>" + "".join(self.figure_html(s) for _, s in self.survival.iterrows())
        elif len(self.survival):
            html += f"<p>{esc(NOT_PRINTED)}</p>"
        return html

    def _show(self, change=None):
        self.page.new_view()
        self.figure.value = f'<div aria-live="polite">{self.figure_html(self.stats.loc[self.chooser.value])}</div>'

    def _show_survival(self, change=None):
        shown = self.show_survival.value
        self.show_survival.description = "Hide the survival numbers" if shown else "Show the survival numbers"
        self.page.new_view()
        body = "".join(self.figure_html(s) for _, s in self.survival.iterrows()) if shown else \
            "<p>The survival numbers are hidden.</p>"
        self.survival_view.value = f'<div class="mbc-survival" aria-live="polite">{body}</div>'
        self.refresh_handout()


@dashboard
def numbers() -> NumbersView:
    """Lesson 6 dashboard: the key figures as pictures."""
    return NumbersView()
