"""Shared fixtures: a writable copy of the course data for tests that break it."""
import shutil
from pathlib import Path

import pytest

import mbc_edu

@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the packaged data directory that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(mbc_edu.data_dir(), target)
    return target
