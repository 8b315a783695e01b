"""Load the course content tables as tidy pandas DataFrames.

``load("sites")`` is all a notebook needs. The tables are read and validated
once per process and data directory; a broken table raises :class:`DataError`
listing every problem. Choose another data directory with the ``data_dir``
argument or the ``MBC_EDU_DATA`` environment variable.
"""
from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from .validation import DataError, Problem, Table, check_package

ENV_VAR = "MBC_EDU_DATA"
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The data directory in use: ``path``, else ``$MBC_EDU_DATA``, else the packaged one."""
    chosen = path or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser().resolve() if chosen else Path(str(files("mbc_edu") / "data")).resolve()


def _frame(table: Table) -> pd.DataFrame:
    columns = {}
    for field in table.fields:
        values = [row[field["name"]] for row in table.rows]
        kind = field.get("type", "string")
        if kind == "date":
            columns[field["name"]] = pd.to_datetime(pd.Series(values, dtype="object"))
        else:
            columns[field["name"]] = pd.Series(values, dtype=DTYPES[kind])
    return pd.DataFrame(columns)


@lru_cache(maxsize=8)
def _package(directory: Path) -> tuple[dict, dict[str, pd.DataFrame]]:
    package, tables, problems = check_package(directory)
    if problems:
        raise DataError(problems)
    return package, {name: _frame(table) for name, table in tables.items()}


def validate(path: str | os.PathLike | None = None) -> list[Problem]:
    """Every problem in the data directory (an empty list when all is well)."""
    return check_package(data_dir(path))[2]


def load(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return table ``name`` (for example ``"sites"``) as a validated DataFrame."""
    frames = _package(data_dir(path))[1]
    if name not in frames:
        raise KeyError(f"no table named {name!r}; the tables are: {', '.join(frames)}")
    return frames[name].copy()


def table_names(path: str | os.PathLike | None = None) -> list[str]:
    """Names of all tables, in the order of ``datapackage.json``."""
    return list(_package(data_dir(path))[1])


def reviewed(path: str | os.PathLike | None = None) -> date:
    """The date the content was last reviewed (``reviewed`` in ``datapackage.json``)."""
    return date.fromisoformat(_package(data_dir(path))[0]["reviewed"])
