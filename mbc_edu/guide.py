"""Lesson 13, the instructor guide: per lesson, its objectives, a 50-minute plan, discussion
prompts, the unfolding case's best answers and the nursing questions' answer key, each with
its rationales. Built from the same tables as the lessons; prints cleanly."""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .case import FOCUS
from .frame import dashboard, how_to
from .nursing import evidence
from .nursing_quiz import HOW, option_feedback
from .printing import PrintButton
from .render import Page, bullet_list, esc, notice, stylesheet
from .tables import load

GUIDE = "guide"  # the guide's own row in lessons.csv: it is about the lessons, not one of them
ALL = "all"
TITLE = "Instructor guide"
INTRO = ("For instructors. Choose a lesson, or all lessons, to see its learning objectives, a 50-minute "
         "session plan, discussion prompts, and the answer key to its unfolding case step(s) and nursing "
         "questions, with the reasoning behind every option. Students see the same items in each lesson's "
         "nursing layer (choose \"Nursing student\" at the top of a lesson).")
KINDS = {"single": "Single best answer", "multiple": "Select all that apply", "priority": "Priority order"}


def rows_of(table: str, lesson: str, column: str = "lesson_id"):
    frame = load(table)
    return frame[frame[column] == lesson].sort_values("order")


class InstructorGuide(widgets.VBox):
    """Choose a lesson (or all): its plan and answer keys, printable on their own."""

    def __init__(self, lesson: str = ALL):
        self.page = Page.create()
        lessons = load("lessons").sort_values("number")
        self.lessons = lessons[lessons["id"] != GUIDE].set_index("id")
        for table in ("objectives", "nursing_questions", "case_steps"):
            self.page.cite(load(table))
        self.steps = load("case_steps").sort_values("order").reset_index(drop=True)
        self.choice = widgets.Dropdown(options=[("All lessons", ALL)] + [
            (f"Lesson {r.number}: {r.title}", i) for i, r in self.lessons.iterrows()], value=lesson,
            description="Guide for", style={"description_width": "initial"})
        self.body = views.html()
        self.body.add_class("mbc-guide")
        self.choice.observe(self._show, "value")
        self._show()
        header = views.html(stylesheet() + notice() + how_to() +
                            f"<h2>{esc(TITLE)}</h2><p>{esc(INTRO)}</p>")
        super().__init__([header, self.choice, PrintButton("Print this guide", "mbc-guide"), self.body,
                          views.html(self.page.sources_footer())])
        self.add_class("mbc-app")

    def __repr__(self) -> str:
        return f"InstructorGuide({len(self.lessons)} lessons; showing {self.choice.label})"

    def _show(self, change=None) -> None:
        chosen = list(self.lessons.index) if self.choice.value == ALL else [self.choice.value]
        self.page.new_view()
        self.body.value = "".join(self.lesson_html(lesson) for lesson in chosen)

    def lesson_html(self, lesson: str) -> str:
        """Trusted HTML: one lesson's part of the guide."""
        row = self.lessons.loc[lesson]
        return (f'<section class="mbc-guide-lesson"><h2>Lesson {esc(row["number"])}: {esc(row["title"])}</h2>'
                f"{self.objectives(lesson)}{plan(lesson)}{prompts(lesson)}{self.case(lesson)}"
                f"{self.questions(lesson)}</section>")

    def objectives(self, lesson: str) -> str:
        rows = rows_of("objectives", lesson)
        return self.page.block([], "Learning objectives", level=3, bullets=list(rows["objective"]),
                               sources=zip(rows["source_id"], rows["section"]))

    def case(self, lesson: str) -> str:
        mine = self.steps[self.steps["lesson_id"] == lesson]
        if mine.empty:
            return ""
        options = load("case_options").rename(columns={"best": "correct"})
        cards = []
        for index, step in mine.iterrows():
            rows = options[options["step_id"] == step["id"]]
            cards.append(f'<section class="mbc-card"><h4>Case step {index + 1} of {len(self.steps)}: '
                         f"{esc(step['title'])}</h4><p>{esc(step['scenario'])}</p>"
                         f"<p><strong>Focus: {esc(FOCUS[step['focus']])}.</strong> {esc(step['question'])}</p>"
                         f"{option_feedback('single', rows, best='Best')}"
                         f"{self.page.source_line([(step['source_id'], step['section'])])}{evidence(step['year'])}"
                         "</section>")
        return f"<h3>Unfolding case: best answers</h3>{''.join(cards)}"

    def questions(self, lesson: str) -> str:
        rows = rows_of("nursing_questions", lesson)
        if rows.empty:
            return ""
        options = load("nursing_options")
        cards = "".join(
            f'<section class="mbc-card"><h4>Question {n}. {esc(KINDS[q.kind])}</h4><p>{esc(q.stem)}</p>'
            f'<p class="mbc-small">{esc(HOW[q.kind])}</p>'
            f"{option_feedback(q.kind, options[options['question_id'] == q.id])}"
            f"{self.page.source_line([(q.source_id, q.section)])}{evidence(q.year)}</section>"
            for n, q in enumerate(rows.itertuples(), 1))
        return f"<h3>Nursing questions: answer key</h3>{cards}"


def plan(lesson: str) -> str:
    """Trusted HTML: the lesson's session plan as a table, with its total minutes."""
    rows = rows_of("session_plans", lesson)
    body = "".join(f"<tr><td>{esc(r.minutes)}</td><td>{esc(r.activity)}</td><td>{esc(r.detail)}</td></tr>"
                   for r in rows.itertuples())
    return (f'<h3>Session plan ({esc(rows["minutes"].sum())} minutes)</h3><table class="mbc-plan">'
            f'<thead><tr><th scope="col">Minutes</th><th scope="col">Activity</th><th scope="col">What happens</th>'
            f"</tr></thead><tbody>{body}</tbody></table>")


def prompts(lesson: str) -> str:
    """Trusted HTML: the lesson's discussion prompts."""
    rows = rows_of("discussion_prompts", lesson)
    return f"<h3>Discussion prompts</h3>{bullet_list([esc(p) for p in rows['prompt']])}"


@dashboard
def instructor_guide(lesson: str = ALL) -> InstructorGuide:
    """Lesson 13 dashboard: the instructor guide."""
    return InstructorGuide(lesson)
