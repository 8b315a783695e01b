"""The frame every dashboard shares: notice on top, sources at the bottom, errors shown safely."""
from __future__ import annotations

import functools

import ipywidgets as widgets

from .render import Page, bullet_list, esc, notice, stylesheet
from .validation import DataError


class Dashboard(widgets.VBox):
    """A lesson's app: notice, the app's own widgets, then its sources."""

    def __init__(self, page: Page, children: list[widgets.Widget]):
        self.page = page
        header = widgets.HTML(stylesheet() + notice())
        footer = widgets.HTML(page.sources_footer())
        super().__init__([header, *children, footer])
        self.add_class("mbc-app")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.describe()})"

    def describe(self) -> str:
        """A short, stable summary of what the app shows (its plain-text output)."""
        raise NotImplementedError


def error_view(message: str, details: list[str]) -> widgets.HTML:
    """A calm, readable error box instead of a traceback."""
    items = bullet_list([esc(d) for d in details])
    view = widgets.HTML(stylesheet() + notice() +
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
