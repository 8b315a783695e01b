"""The frame every dashboard shares: notice and how-to on top, what to remember, sources folded
at the bottom, a handout for print, and errors shown safely."""
from __future__ import annotations

import functools

import ipywidgets as widgets

from . import views
from .audience import AudienceSwitch
from .nursing import NursingLayer
from .questions import QuestionList
from .render import Page, bullet_list, esc, notice, stylesheet
from .tables import load
from .validation import DataError

HOW_TO = ("<p>Click with the mouse, or use the keyboard: <kbd>Tab</kbd> moves to the next control and "
          "<kbd>Shift</kbd>+<kbd>Tab</kbd> goes back. <kbd>Space</kbd> or <kbd>Enter</kbd> presses a button "
          "or ticks a box. The arrow keys move through a list.</p>"
          "<p>A word in <strong>bold</strong> has its meaning in brackets after it. The <em>Words to know</em> "
          "box after the readings explains it in full.</p>")
PRINT_LINE = "To print a handout of this whole lesson, press Ctrl+P (Cmd+P on a Mac)."
HELP_LESSONS = {"start", "where", "symptoms"}  # lessons about signs show "When to get help right away"


def how_to() -> str:
    """The page's one small keyboard and reading help, folded."""
    return (f'<details class="mbc-howto"><summary>How to use this page</summary>{HOW_TO}'
            f'<p class="mbc-print-line">{esc(PRINT_LINE)}</p></details>')


def help_line(lesson: str) -> str:
    """One short line to lesson 11, "When to get help" (on every other lesson)."""
    if lesson == "help":
        return ""
    notebook = load("lessons").set_index("id").at["help", "notebook"]
    return (f'<p class="mbc-help-line"><strong>Signs that need help right away:</strong> see '
            f'<a href="{esc(notebook)}">When to get help</a></p>')


def key_points(page: Page, lesson: str) -> str:
    """The lesson's "What to remember" box (its key_points rows, in order)."""
    rows = page.cite(load("key_points"))
    rows = rows[rows["lesson_id"] == lesson].sort_values("order")
    return page.block([], "What to remember", level=2, bullets=list(rows["point"]),
                      sources=zip(rows["source_id"], rows["section"]), css="mbc-remember")


class Dashboard(widgets.VBox):
    """A lesson's app: notice and how-to, who is learning (``audience``) and the nursing layer
    (``nursing``, shown for nursing students only), the app's own widgets, what to remember, help
    (in lessons about signs), the learner's question list, then its sources.

    ``lesson`` is the lesson's id in lessons.csv. An app whose controls show one part at a time
    overrides :meth:`handout` with its whole content: it is printed instead of the controls.
    """

    def __init__(self, page: Page, children: list[widgets.Widget], lesson: str):
        from .safety import help_box  # imported here: safety's lesson 11 builds on this frame

        self.page, self.lesson_id = page, lesson
        header = views.html(stylesheet() + notice(help_line(lesson)))
        self.print_view = views.html()
        self.print_view.add_class("mbc-handout")
        self.refresh_handout()
        if self.print_view.value:
            for child in children:
                child.add_class("mbc-no-print")
        page.new_view()
        remember = views.html(key_points(page, lesson))
        helps = [views.html(help_box(page))] if lesson in HELP_LESSONS else []
        self.my_questions = QuestionList(page, lesson)  # not "questions": the quiz has its own
        self.my_questions.add_class("mbc-no-print")  # it prints on its own ("Print my list")
        footer = views.html(page.sources_footer())
        self.audience = AudienceSwitch(start=lesson == "start")  # who is learning: see audience.py
        tools = widgets.Box([views.html(how_to()), self.audience])  # one row, wrapping on a phone
        tools.add_class("mbc-tools")
        tools.add_class("mbc-no-print")
        self.nursing = NursingLayer(page, lesson, self.audience, footer)  # shown for nursing students only
        super().__init__([header, tools, self.nursing, *children, self.print_view, remember, *helps,
                          self.my_questions, footer])
        self.add_class("mbc-app")
        self.add_class(f"mbc-lesson-{lesson}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.describe()})"

    def describe(self) -> str:
        """A short, stable summary of what the app shows (its plain-text output)."""
        raise NotImplementedError

    def handout(self) -> str:
        """The whole lesson as HTML for print; empty when the screen already shows all of it."""
        return ""

    def refresh_handout(self) -> None:
        """Build the print-only handout again (after a choice that changes what it holds)."""
        self.page.new_view()
        body = self.handout()
        self.print_view.value = (f'<section class="mbc-handout-body" aria-label="Handout of the whole lesson">'
                                 f"{body}</section>" if body else "")


def error_view(message: str, details: list[str]) -> widgets.HTML:
    """A calm, readable error box instead of a traceback."""
    items = bullet_list([esc(d) for d in details])
    view = views.html(stylesheet() + notice() +
                      f'<div class="mbc-error" role="alert"><h2>This page cannot be shown right now</h2>'
                      f"<p>{esc(message)}</p>{items}</div>")
    view.add_class("mbc-app")
    return view


def dashboard(build):
    """Make an app function return an error box, not a traceback, when the data is broken."""
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        try:
            return build(*args, **kwargs)
        except DataError as err:
            return error_view("The course content has a problem. Ask your instructor to run "
                              "'python -m mbc_edu validate', which lists each problem to fix:",
                              [str(p) for p in err.problems])
        except OSError as err:
            return error_view("The course content could not be read:", [str(err)])
    return wrapper
