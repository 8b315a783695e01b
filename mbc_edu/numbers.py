"""Lesson 6: key figures as icon arrays of 100 people, with a text alternative."""
from __future__ import annotations

import json

import ipywidgets as widgets

from .frame import Dashboard, dashboard
from .render import Page, esc
from .tables import load

COUNTED, OTHER = "#a63d00", "#595959"   # dark orange and grey: both over 4.5:1 on white
PERSON = "M{x} {y}m-7 0a7 7 0 1 0 14 0a7 7 0 1 0-14 0M{bx} {by}h20l-3 22h-14z"


def phrase(stat) -> str:
    """The figure as a natural frequency: 'Nearly 30 in 100 women ... later develop ...'."""
    return f"{stat['qualifier'].capitalize()} {stat['count']} in {stat['out_of']} {stat['population']} {stat['outcome']}."


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
    return (f'<svg viewBox="0 0 {34 * columns + 6} {46 * rows + 4}" width="100%" style="max-width:30rem" '
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


def comparison_figure(stats):
    """A plotly bar chart of every figure out of 100; counted people are hatched, not only coloured."""
    import plotly.graph_objects as go  # imported here: only this lesson draws with plotly

    labels = list(stats["label"])
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
                         xaxis={"range": [0, 100], "title": {"text": "People out of 100"}})
    return figure


def figure_output(figure, config: dict) -> dict:
    """A plotly figure as the display output ``figure.show()`` would send, for an ``Output`` widget.

    ``figure.show()`` first imports plotly's renderer machinery, which imports nbformat and
    jsonschema's format checkers: about 2.5 s of one CPU in every kernel, so on every page
    view of this lesson (benchmarks/). The front end draws the bundle just the same. Set
    as the widget's ``outputs``, it stays in the widget wherever the notebook runs.
    """
    bundle = json.loads(figure.to_json())
    bundle["config"] = dict(config)
    return {"output_type": "display_data", "data": {"application/vnd.plotly.v1+json": bundle}, "metadata": {}}


class NumbersView(Dashboard):
    """Choose a figure; see it as 100 people, in words, with who it is about and its source."""

    def __init__(self):
        page = Page.create()
        self.stats = page.cite(load("statistics")).set_index("id", drop=False)
        self.chooser = widgets.ToggleButtons(options=[(r.label, r.id) for r in self.stats.itertuples()],
                                             description="Choose a figure", style={"description_width": "initial"})
        self.figure = widgets.HTML()
        self.chooser.observe(self._show, "value")
        self.comparison = widgets.Output()
        self.comparison.outputs = (figure_output(comparison_figure(self.stats),
                                                 {"staticPlot": True, "displayModeBar": False}),)
        words = "".join(f"<li>{esc(phrase(r))}</li>" for _, r in self.stats.iterrows())
        compare = widgets.HTML("<h2>All the figures side by side</h2><p>Each bar stands for 100 people. "
                               "The hatched part is the people the figure counts.</p>")
        alternative = widgets.HTML(f"<p><strong>What the chart shows:</strong></p><ul>{words}</ul>")
        super().__init__(page, [widgets.HTML("<h2>Picture the numbers</h2>"), self.chooser, self.figure,
                                compare, self.comparison, alternative])
        self._show()

    def describe(self) -> str:
        return f"{len(self.stats)} figures; showing {phrase(self.stats.loc[self.chooser.value])}"

    def _show(self, change=None):
        stat = self.stats.loc[self.chooser.value]
        figure = (f'<figure class="mbc-figure" role="group" aria-label="{esc(stat["label"])}">'
                  f'<p class="mbc-big">{esc(phrase(stat))}</p>{icon_array(int(stat["count"]), int(stat["out_of"]))}'
                  f"<figcaption><strong>What the picture shows:</strong> {esc(text_alternative(stat))}</figcaption>"
                  f"</figure>{key()}")
        card = self.page.block([("Who this is about", stat["population"]), ("What it means", stat["meaning"]),
                                ("Year of the source", str(stat["year"]))], "About this figure",
                               sources=[(stat["source_id"], stat["section"])])
        self.figure.value = f'<div aria-live="polite"><h3>{esc(stat["label"])}</h3>{figure}{card}</div>'


@dashboard
def numbers() -> NumbersView:
    """Lesson 6 dashboard: the key figures as pictures."""
    return NumbersView()
