"""Every notebook renders as a dashboard: no error output, axe clean, nothing fetched
from outside this machine, no console error; a screenshot lands in test-artifacts/."""
from __future__ import annotations

import pytest

from mbc_edu.serve import notebooks_dir

NOTEBOOKS = sorted(p.name for p in notebooks_dir().glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.removesuffix(".ipynb") for n in NOTEBOOKS])
def test_page(notebook, dashboard, axe_check):
    board = dashboard(notebook)
    page = board.page
    assert page.locator("main").count() == 1, "exactly one <main> landmark"
    assert page.title().strip(), "the page has a title"
    assert not board.error_outputs(), board.error_outputs()
    axe_check(page)
    # dashboard's teardown checks external requests and console errors, and screenshots.
