"""Shared fixtures: a writable copy of the course data for tests that break it."""
import shutil
from pathlib import Path

import pytest

import mbc_edu

DATA = mbc_edu.data_dir()
SOURCE_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source" / "metastatic-breast-cancer.txt"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the packaged data directory that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
