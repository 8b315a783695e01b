"""Views that share one layout and one style per kind (mbc_edu.views)."""
import ipywidgets as widgets
from ipywidgets.embed import dependency_state

import mbc_edu
from mbc_edu import views
from mbc_edu.audience import AudienceSwitch


def test_html_views_and_tick_boxes_share_one_layout_and_style_per_kind():
    first, second = views.html("<p>a</p>"), views.html()
    assert first.layout is second.layout and first.style is second.style
    assert (first.value, second.value) == ("<p>a</p>", "")
    box, other = views.checkbox("Fever"), views.checkbox("Cough")
    assert box.layout is other.layout and box.style is other.style and box.layout is not first.layout
    assert (box.description, box.value, box.indent, box.layout.width) == ("Fever", False, False, "auto")


def test_a_lesson_builds_half_the_widget_models_it_did():
    app = mbc_edu.help_card()
    models = len(dependency_state(app))
    # Lesson 11: 64 models with a layout and a style per view, 36 with shared ones (2026-11-26).
    assert models <= 40, models
    assert "warning signs" in app.describe()


def test_hiding_a_view_that_shares_a_layout_hides_it_alone():
    switch = AudienceSwitch()
    shown, kept = views.html("<p>for everyone</p>"), views.html("<p>for patients</p>")
    switch.only_for("patient", kept)
    switch.choose("nursing")
    assert kept.layout.display == "none" and shown.layout.display is None
    assert views.html().layout is shown.layout  # the shared one is unchanged
    switch.choose("patient")
    assert kept.layout.display is None


def test_a_layout_of_its_own_keeps_its_settings():
    view = views.checkbox("Fever")
    views.own_layout(view)
    assert view.layout is not views.checkbox("Cough").layout and view.layout.width == "auto"
    mine = view.layout
    views.own_layout(view)  # already its own: kept
    assert view.layout is mine


def test_the_shared_pair_is_made_again_after_every_widget_was_closed():
    old = views.html()
    widgets.Widget.close_all()
    new = views.html()
    assert new.layout is not old.layout and new.layout.comm is not None and new.style.comm is not None
