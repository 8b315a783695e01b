"""One test per table of datapackage.json, named by the table (like vega-datasets)."""
import json
import shutil

import pandas as pd
import pytest

import mbc_edu
from mbc_edu.validation import fix_package
PACKAGE = json.loads((mbc_edu.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def test_packaged_data_is_valid():
    assert mbc_edu.validate() == []


def test_packaged_data_is_as_validate_fix_leaves_it(tmp_path):
    """The tables are kept plain (no byte-order mark, LF line ends, ISO dates), whatever saved them."""
    copy = tmp_path / "data"
    shutil.copytree(mbc_edu.data_dir(), copy)
    assert [str(change) for change in fix_package(copy)] == []


@pytest.mark.parametrize("name", list(RESOURCES))
def test_table(name):
    frame = mbc_edu.load(name)
    fields = RESOURCES[name]["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert len(frame) > 0
    for field in fields:
        column = frame[field["name"]]
        if field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(column)
        else:
            assert str(column.dtype) == DTYPES[field["type"]], field["name"]
        if field.get("constraints", {}).get("required"):
            assert column.notna().all(), field["name"]
    key = RESOURCES[name]["schema"].get("primaryKey")
    assert not frame.duplicated(subset=key).any()


def test_load_returns_a_copy():
    frame = mbc_edu.load("sites")
    frame.loc[:, "name"] = "changed"
    assert (mbc_edu.load("sites")["name"] != "changed").all()


def test_unknown_table_names_the_tables():
    with pytest.raises(KeyError, match="sites"):
        mbc_edu.load("nonsense")


def fields(resource: dict) -> set[str]:
    return {f["name"] for f in resource["schema"]["fields"]}


def test_every_content_row_names_a_source():
    """A row names its source, or belongs to a sourced parent row (an option of a case step).

    Class plans and discussion prompts are instructional design, not facts: they name no source.
    """
    for name, resource in RESOURCES.items():
        if name in ("sources", "lessons", "session_plans", "discussion_prompts") or \
                {"source_id", "section"} <= fields(resource):
            continue
        key = set(resource["schema"]["primaryKey"])
        parents = [fk["reference"]["resource"] for fk in resource["schema"].get("foreignKeys", [])
                   if set(fk["fields"]) <= key]
        assert any({"source_id", "section"} <= fields(RESOURCES[p]) for p in parents), name


def test_reviewed_date():
    assert mbc_edu.reviewed().isoformat() == PACKAGE["reviewed"]
