"""Lesson 9: check yourself, one question at a time, with feedback that explains the answer."""
from __future__ import annotations

import ipywidgets as widgets

from . import views
from .frame import Dashboard, dashboard
from .render import Page, as_text, esc
from .tables import load

LETTERS = "abcd"
ALL = "all"


class Quiz(Dashboard):
    """Pick a lesson, answer its questions, and keep a running score of first tries."""

    def __init__(self, lesson: str = ALL):
        page = Page.create()
        lessons = load("lessons").set_index("id")
        questions = page.cite(load("quiz"))
        rank = questions["lesson_id"].map(lessons["number"])
        self.questions = questions.assign(rank=rank).sort_values(["rank", "order"])
        self.titles = lessons["title"]
        used = [i for i in lessons.index if (self.questions["lesson_id"] == i).any()]
        self.lesson = widgets.Dropdown(options=[("All lessons", ALL)] + [(lessons.at[i, "title"], i) for i in used],
                                       value=lesson, description="Questions about",
                                       style={"description_width": "initial"})
        self.progress = views.html()
        self.question = views.html()
        self.choices = widgets.RadioButtons(options=[], value=None, description="Your answer",
                                            style={"description_width": "initial"}, layout={"width": "auto"})
        self.check = widgets.Button(description="Check my answer", button_style="primary")
        self.next = widgets.Button(description="Next question")
        self.feedback = views.html()
        self.score = views.html()
        self.lesson.observe(self._start, "value")
        self.check.on_click(self._check)
        self.next.on_click(self._next)
        super().__init__(page, [views.html("<h2>Check yourself</h2>"), self.lesson, self.progress,
                                self.question, self.choices, widgets.HBox([self.check, self.next]),
                                self.feedback, self.score], lesson="quiz")
        self._start()

    def describe(self) -> str:
        return f"{len(self.questions)} questions; {self.lesson.label}: question {self.index + 1} of {len(self.set)}"

    def glossed(self, text: str) -> str:
        """Escaped ``text`` where a glossary word not yet explained in this view has its short
        meaning in brackets after it, and no link (a question or a choice has no "Words to know")."""
        return self.page.glossary.unlinked(text, self.page.explained)

    def asked(self, q) -> tuple[str, list[tuple[str, str]]]:
        """A new view: the question and its (choice, letter) pairs as HTML, medical words explained."""
        self.page.new_view()
        return self.glossed(q["question"]), [(self.glossed(q[f"choice_{c}"]), c) for c in LETTERS
                                             if isinstance(q[f"choice_{c}"], str)]

    def handout(self) -> str:
        """Every question with its choices, then the answers with their reasons."""
        asked, answers = "", ""
        for _, rows in self.questions.groupby("rank", sort=True):
            title = esc(self.titles[rows["lesson_id"].iloc[0]])
            items = ""
            for _, q in rows.iterrows():
                question, choices = self.asked(q)
                items += (f"<li><p>{question}</p><ol type=\"a\">"
                          + "".join(f"<li>{choice}</li>" for choice, _ in choices) + "</ol></li>")
            asked += f"<h3>{title}</h3><ol>{items}</ol>"
            self.page.new_view()
            answers += self.page.block([], title, bullets=[f"{q['answer']}) {q['choice_' + q['answer']]}. Why: {q['explanation']}"
                                                           for _, q in rows.iterrows()],
                                       sources=zip(rows["source_id"], rows["section"]))
        return f"<h2>Every question</h2>{asked}<h2>Answers</h2>{answers}"

    @property
    def current(self):
        return self.set.iloc[self.index]

    def _start(self, change=None):
        chosen = self.questions if self.lesson.value == ALL else \
            self.questions[self.questions["lesson_id"] == self.lesson.value]
        self.set = chosen
        self.index, self.results = 0, {}
        self._ask()

    def _ask(self):
        q = self.current
        question, choices = self.asked(q)
        self.explained = set(self.page.explained)  # the feedback explains only what these did not
        # The choices change first and the question and its number last, so that a learner (or a
        # test) who sees the new question also sees its own choices, never the last question's.
        self.choices.options = [(as_text(choice), c) for choice, c in choices]
        self.answer = {c: choice for choice, c in choices}[q["answer"]]
        self.choices.value = None
        self.feedback.value = ""
        self.next.description = "Next question" if self.index + 1 < len(self.set) else "Start again"
        self._score()
        self.question.value = f"<h3>{question}</h3>"
        self.progress.value = f'<p class="mbc-status">Question {self.index + 1} of {len(self.set)}</p>'

    def _check(self, button=None):
        q = self.current
        if self.choices.value is None:
            self.feedback.value = '<p role="status">Choose an answer first, then check it.</p>'
            return
        right = self.choices.value == q["answer"]
        self.page.explained = set(self.explained)
        self.results.setdefault(q["id"], right)  # the score keeps the first try: a miss stays a miss
        verdict = ('<span class="mbc-right">&#10004; Right.</span>' if right else
                   f'<span class="mbc-wrong">&#10008; Not quite.</span> The answer is: '
                   f'<strong>{self.answer}</strong>.')
        self.feedback.value = (f'<div role="status">{verdict}'
                               + self.page.block([("Why", q["explanation"])],
                                                 sources=[(q["source_id"], q["section"])]) + "</div>")
        self._score()

    def _next(self, button=None):
        self.index = (self.index + 1) % len(self.set)
        if self.index == 0:
            self.results = {}
        self._ask()

    def _score(self):
        right = sum(self.results.values())
        self.score.value = (f'<p class="mbc-status">Your score, first tries: {right} right out of {len(self.results)} '
                            f"answered ({len(self.set)} questions in all). Only your first answer to each "
                            f"question counts.</p>")


@dashboard
def quiz(lesson: str = ALL) -> Quiz:
    """Lesson 9 dashboard: quizzes for every lesson."""
    return Quiz(lesson)
