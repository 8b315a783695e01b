"""The nursing layer's practice part: the lesson's case step(s), its nursing questions, then
"My results" (every answer kept on this device, printable and saveable as a file)."""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .case import case_steps
from .nursing import add_part
from .nursing_quiz import nursing_questions
from .render import Page, esc
from .results import PRIVACY, NursingResults, catalog


@add_part
def practice(page: Page, lesson: str) -> list[widgets.Widget]:
    """Case steps, nursing questions and the results panel, for a lesson that has any to answer."""
    if not any(item.lesson_id == lesson for item in catalog().values()):
        return []
    results = NursingResults()
    parts = case_steps(page, lesson, results) + nursing_questions(page, lesson, results)
    return [*parts, results, views.html(f'<p class="mbc-small">{esc(PRIVACY)}</p>')]
