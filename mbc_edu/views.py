"""HTML views and tick boxes that share one layout and one style per kind.

Every widget with a layout and a style of its own is three widget models, and the browser
builds each one (about 0.2 ms) before a lesson shows. None of these views ever changes its
layout or style, so all of a kind share one pair. A view that must change its layout takes a
layout of its own first (:func:`own_layout`), as :meth:`AudienceSwitch.only_for` does.
"""
from __future__ import annotations

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle

_SHARED: dict[str, tuple[widgets.Layout, widgets.Widget]] = {}
_KINDS = {"html": ({}, HTMLStyle), "checkbox": ({"width": "auto"}, CheckboxStyle)}


def _shared(kind: str) -> tuple[widgets.Layout, widgets.Widget]:
    """The kind's layout and style, made again if a test closed them (``Widget.close_all``)."""
    pair = _SHARED.get(kind)
    if pair is None or any(model.comm is None for model in pair):
        layout, style = _KINDS[kind]
        pair = _SHARED[kind] = (widgets.Layout(**layout), style())
    return pair


def html(value: str = "") -> widgets.HTML:
    """An HTML view (trusted HTML: the caller escapes what it did not write)."""
    layout, style = _shared("html")
    return widgets.HTML(value, layout=layout, style=style)


def checkbox(description: str) -> widgets.Checkbox:
    """An unticked box as wide as its label, not indented."""
    layout, style = _shared("checkbox")
    return widgets.Checkbox(description=description, value=False, indent=False, layout=layout, style=style)


def own_layout(widget: widgets.DOMWidget) -> None:
    """Give ``widget`` a layout of its own (a copy) if it shares one, so that changing it
    changes this widget alone."""
    if any(widget.layout is layout for layout, _ in _SHARED.values()):
        widget.layout = widgets.Layout(**{key: getattr(widget.layout, key)
                                          for key in widget.layout.keys if not key.startswith("_")})
