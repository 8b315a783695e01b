"""The unfolding case in the nursing layer: one fictional patient followed across lessons.

Each lesson shows its own step(s) of ``case_steps``: what happened in the earlier steps (folded),
the scenario now, the decision question and the options of ``case_options`` (radio buttons, or
tick boxes when several are best). After "Check my answer" every option shows why it is best or
not, with the step's source. Answers go to :class:`~mbc_edu.results.NursingResults`.
"""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .nursing import evidence
from .nursing_quiz import Answer
from .render import Page, bullet_list, esc
from .results import NursingResults
from .tables import load

FOCUS = {"assessment": "Assessment", "priority": "Priority", "teaching": "Teaching", "communication": "Communication"}
INTRO = ("One fictional patient, followed from lesson to lesson. Each step adds what happened next; "
         "decide what the nurse should do, then check why each option is best or not.")


def so_far(earlier) -> str:
    """Trusted HTML: the earlier steps' scenarios, folded, so the case unfolds."""
    if earlier.empty:
        return ""
    items = bullet_list([f"<strong>Step {n}, {esc(r.title)}:</strong> {esc(r.scenario)}"
                         for n, r in enumerate(earlier.itertuples(), 1)])
    return (f'<details class="mbc-case-so-far"><summary>The case so far (steps 1 to {len(earlier)})</summary>'
            f"{items}</details>")


def case_steps(page: Page, lesson: str, results: NursingResults) -> list[widgets.Widget]:
    """The lesson's case steps (cited on ``page``), each an :class:`~mbc_edu.nursing_quiz.Answer`."""
    steps = load("case_steps").sort_values("order").reset_index(drop=True)
    mine = page.cite(steps[steps["lesson_id"] == lesson])
    if mine.empty:
        return []
    options = load("case_options").rename(columns={"best": "correct"})
    parts = [views.html(f'<h3>Unfolding case</h3><p class="mbc-small">{esc(INTRO)}</p>')]
    for index, step in mine.iterrows():
        rows = options[options["step_id"] == step["id"]]
        kind = "multiple" if rows["correct"].sum() > 1 else "single"
        question = (f"<h4>Case step {index + 1} of {len(steps)}: {esc(step['title'])}</h4>"
                    f"{so_far(steps.iloc[:index])}<p>{esc(step['scenario'])}</p>"
                    f'<p><strong>Focus: {esc(FOCUS[step["focus"]])}.</strong> {esc(step["question"])}</p>')
        sources = page.source_line([(step["source_id"], step["section"])]) + evidence(step["year"])
        parts.append(Answer(f"case:{step['id']}", kind, question, rows.assign(rank=None), results, sources,
                            best="Best"))
    return parts
