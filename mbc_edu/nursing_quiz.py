"""Licensing-exam style practice in a lesson's nursing layer (``nursing_questions``, ``nursing_options``).

Three kinds: ``single`` (one best answer, radio buttons), ``multiple`` (select all that apply,
tick boxes; right only when all the right options and no wrong one are chosen) and ``priority``
(put actions in order with a rank list per action, keyboard friendly; right only when every rank
is right). After "Check my answer" every option shows its rationale. :class:`Answer` is shared
with the unfolding case (:mod:`mbc_edu.case`); answers go to :class:`~mbc_edu.results.NursingResults`.
"""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from . import views
from .nursing import evidence
from .render import Page, esc
from .results import NursingResults, given_text
from .tables import load

HOW = {"single": "Choose the one best answer.",
       "multiple": "Select all that apply. It counts as right only when you choose every right option and no "
                   "wrong one.",
       "priority": "Put the actions in order: give each one a rank, 1 = first. It counts as right only when "
                   "every action is in the right place."}
NOT_RANKED = "Not ranked"


def is_right(kind: str, options: pd.DataFrame, given: list[str]) -> bool:
    """Score an answer: ``given`` holds the chosen keys (for ``priority``: every key, first to last).

    ``options`` has ``key``, ``correct`` and (for priority) ``rank`` columns.
    """
    if kind == "priority":
        order = list(options.sort_values("rank")["key"])
        return list(given) == order
    right = {row.key for row in options.itertuples() if correct(row.correct)}
    if kind == "single":
        return len(given) == 1 and given[0] in right
    return set(given) == right and len(given) == len(set(given))


def correct(value) -> bool:
    """An option's ``correct``/``best`` cell as a bool (empty for priority options)."""
    return bool(pd.notna(value) and value)


def option_feedback(kind: str, options: pd.DataFrame, best: str = "Correct", given: list[str] | None = None) -> str:
    """Trusted HTML: every option with whether it is right (or its rank) and its rationale; with
    ``given`` (the answer checked), also what the student chose."""
    items = []
    for row in options.sort_values("key").itertuples():
        if kind == "priority":
            tag = f"Rank {row.rank}" + (f" (you ranked it {given.index(row.key) + 1})" if given else "")
        else:
            tag = (best if correct(row.correct) else "Not " + best.lower()) + \
                (" (your choice)" if given and row.key in given else "")
        icon = "&#10004;" if kind == "priority" or correct(row.correct) else "&#10008;"
        items.append(f'<li><p><strong><span aria-hidden="true">{icon}</span> {esc(row.key)}) {esc(tag)}:</strong> '
                     f"{esc(row.text)}</p><p>{esc(row.rationale)}</p></li>")
    return f'<ul class="mbc-rationales">{"".join(items)}</ul>'


class Answer(widgets.VBox):
    """One answerable item: its question (trusted HTML), the choices of its kind, "Check my answer",
    then the verdict and every option's rationale. ``options`` has key, text, correct, rank, rationale.
    """

    def __init__(self, item_id: str, kind: str, question: str, options: pd.DataFrame,
                 results: NursingResults, sources: str, best: str = "Correct"):
        self.item_id, self.kind, self.results, self.best = item_id, kind, results, best
        self.options = options.sort_values("key").reset_index(drop=True)
        self.sources = sources
        texts = [(f"{r.key}) {r.text}", r.key) for r in self.options.itertuples()]
        if kind == "single":
            self.radio = widgets.RadioButtons(options=texts, value=None, description="Your answer",
                                              layout={"width": "auto"}, style={"description_width": "initial"})
            inputs = [self.radio]
        elif kind == "multiple":
            self.boxes = {key: views.checkbox(text) for text, key in texts}
            inputs = list(self.boxes.values())
        else:
            ranks = [(NOT_RANKED, 0)] + [(str(n), n) for n in range(1, len(texts) + 1)]
            self.ranks = {key: widgets.Dropdown(options=ranks, value=0, description=f"Rank of {key})",
                                                style={"description_width": "initial"}, layout={"width": "auto"})
                          for _, key in texts}
            inputs = [widgets.HBox([self.ranks[key], views.html(f"<p>{esc(text)}</p>")],
                                   layout={"flex_flow": "row wrap", "align_items": "center"}) for text, key in texts]
            self.order = views.html()
            self.order.add_class("mbc-order")
            for dropdown in self.ranks.values():
                dropdown.observe(self._order, "value")
            self._order()
            inputs.append(self.order)
        self.check = widgets.Button(description="Check my answer", button_style="primary", layout={"align_self": "flex-start"})
        self.check.on_click(self._check)
        self.feedback = views.html()
        how = views.html(f'<p class="mbc-small">{esc(HOW[kind])}</p>')
        self.checked = False
        results.observe(self._remember, "value")
        super().__init__([views.html(question), how, *inputs, self.check, self.feedback])
        self.add_class("mbc-answer")

    @property
    def given(self) -> list[str]:
        """The chosen keys (priority: the keys by rank, first to last; unranked ones last)."""
        if self.kind == "single":
            return [self.radio.value] if self.radio.value else []
        if self.kind == "multiple":
            return [key for key, box in self.boxes.items() if box.value]
        return sorted(self.ranks, key=lambda key: self.ranks[key].value or len(self.ranks) + 1)

    def _remember(self, change=None) -> None:
        """Before a check on this page: say what this device holds from an earlier visit."""
        earlier = self.results.answers.get(self.item_id)
        if self.checked or earlier is None:
            return
        given = given_text(self.results.items[self.item_id], earlier["given"])
        self.feedback.value = (f'<p class="mbc-small mbc-earlier">Your last answer on this device: {esc(given)} '
                               f'({"right" if earlier["right"] else "not right"}). Answer again to see why each '
                               "option is right or not.</p>")

    def _order(self, change=None) -> None:
        """Priority: show the order given so far, each rank with it ("Your order: b (1), d (2), a (3)"),
        so that two actions given the same rank show as such."""
        ranked = ", ".join(f"{key} ({self.ranks[key].value})" for key in self.given if self.ranks[key].value)
        self.order.value = f'<p class="mbc-small">Your order: {esc(ranked) or "none yet"}</p>'

    def problem(self) -> str:
        """Why the answer cannot be checked yet, or ""."""
        if self.kind == "priority":
            chosen = [d.value for d in self.ranks.values()]
            if 0 in chosen or len(set(chosen)) != len(chosen):
                return f"Give each action a different rank from 1 to {len(chosen)}, then check."
            return ""
        return "" if self.given else "Choose an answer first, then check it."

    def _check(self, button=None) -> None:
        problem = self.problem()
        if problem:
            self.feedback.value = f'<p role="status" class="mbc-status">{esc(problem)}</p>'
            return
        right = is_right(self.kind, self.options, self.given)
        self.checked = True
        self.results.record(self.item_id, self.given, right)
        verdict = ('<p class="mbc-right">&#10004; Right.</p>' if right else
                   '<p class="mbc-wrong">&#10008; Not right.</p>')
        self.feedback.value = (f'<div role="status" class="mbc-card mbc-feedback">{verdict}'
                               f"<p><strong>Why, for every option:</strong></p>"
                               f"{option_feedback(self.kind, self.options, self.best, self.given)}"
                               f"{self.sources}</div>")


def nursing_questions(page: Page, lesson: str, results: NursingResults) -> list[widgets.Widget]:
    """The lesson's nursing questions (cited on ``page``), each an :class:`Answer`."""
    questions = load("nursing_questions")
    questions = page.cite(questions[questions["lesson_id"] == lesson].sort_values("order"))
    if questions.empty:
        return []
    options = load("nursing_options")
    cards = []
    for n, q in enumerate(questions.itertuples(), 1):
        rows = options[options["question_id"] == q.id]
        sources = page.source_line([(q.source_id, q.section)]) + evidence(q.year)
        stem = f"<h4>Question {n} of {len(questions)}</h4><p>{esc(q.stem)}</p>"
        cards.append(Answer(f"question:{q.id}", q.kind, stem, rows, results, sources))
    return [views.html("<h3>Nursing questions</h3>"), *cards]
