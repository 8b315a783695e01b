"""Every kind of bad input gets a clear problem naming file, row and column."""
import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

import mbc_edu
from mbc_edu.validation import Problem


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def rewrite(path, change):
    """Rewrite a CSV file, passing its rows (header first) through ``change``."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(change(rows))
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(path, column, value_of):
    """Set ``column`` of the first data row to ``value_of(old value)``."""
    def change(rows):
        i = rows[0].index(column)
        rows[1][i] = value_of(rows[1][i])
        return rows
    rewrite(path, change)


def problems(directory):
    return [str(p) for p in mbc_edu.validate(directory)]


def only(directory) -> Problem:
    found = mbc_edu.validate(directory)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_missing_file(data_copy):
    (data_copy / "sites.csv").unlink()
    found = problems(data_copy)
    assert found == [f"sites.csv: file is missing from {data_copy}"]


def test_missing_datapackage(data_copy):
    (data_copy / "datapackage.json").unlink()
    assert problems(data_copy) == [f"datapackage.json: file is missing from {data_copy}"]


def test_empty_file(data_copy):
    (data_copy / "glossary.csv").write_text("", encoding="utf-8")
    p = only(data_copy)
    assert (p.file, p.row) == ("glossary.csv", 1)
    assert "file is empty" in p.message and "id, term" in p.message


def test_missing_column(data_copy):
    def drop_key_sign(rows):
        drop = rows[0].index("key_sign")
        return [r[:drop] + r[drop + 1:] for r in rows]
    rewrite(data_copy / "symptoms.csv", drop_key_sign)
    p = only(data_copy)
    assert (p.file, p.row, p.column) == ("symptoms.csv", 1, "key_sign")
    assert "missing" in p.message


def test_renamed_column(data_copy):
    edit(data_copy / "sites.csv", "map_x", "map_left")
    found = problems(data_copy)
    assert "sites.csv, row 1, column 'map_x': required column is missing (is 'map_left' a renamed 'map_x'?)" in found
    assert any("column 'map_left': column is not in the schema" in f for f in found)


def test_extra_column(data_copy):
    rewrite(data_copy / "lessons.csv", lambda rows: [rows[0] + ["colour"]] + [r + ["red"] for r in rows[1:]])
    p = only(data_copy)
    assert (p.file, p.row, p.column) == ("lessons.csv", 1, "colour")


def test_wrong_type(data_copy):
    edit(data_copy / "lessons.csv", "start,1,", "start,one,")
    assert problems(data_copy) == ["lessons.csv, row 2, column 'number': 'one' is not a whole number"]


def test_wrong_boolean(data_copy):
    set_cell(data_copy / "sites.csv", "often_no_symptoms", lambda old: "maybe")
    p = only(data_copy)
    assert (p.file, p.row, p.column) == ("sites.csv", 2, "often_no_symptoms")
    assert "not true or false" in p.message


def test_empty_required_cell(data_copy):
    edit(data_copy / "lessons.csv", "start,1,Start here,", "start,1,,")
    assert problems(data_copy) == ["lessons.csv, row 2, column 'title': is empty but a value is required"]


def test_duplicate_id(data_copy):
    edit(data_copy / "lessons.csv", "basics,2,", "start,2,")
    found = problems(data_copy)
    assert "lessons.csv, row 3, column 'id': 'start' is a duplicate of row 2" in found


def test_link_to_missing_id(data_copy):
    set_cell(data_copy / "site_symptoms.csv", "site_id", lambda old: "elbow")
    p = only(data_copy)
    assert (p.file, p.row, p.column) == ("site_symptoms.csv", 2, "site_id")
    assert "'elbow' does not exist in sites.csv" in p.message


def test_bad_enum(data_copy):
    edit(data_copy / "sites.csv", ",common,", ",usual,")
    p = only(data_copy)
    assert (p.file, p.row, p.column) == ("sites.csv", 2, "group")
    assert "'usual' is not one of the allowed values: 'common', 'lobular', 'other'" in p.message


def test_non_utf8_bytes(data_copy):
    path = data_copy / "glossary.csv"
    raw = path.read_bytes().splitlines(keepends=True)
    raw[2] = raw[2].replace(b",", b",\xe9t\xe9 ", 1)  # Latin-1 accents in the second cell of row 3
    path.write_bytes(b"".join(raw))
    found = mbc_edu.validate(data_copy)
    assert any(p.file == "glossary.csv" and p.row == 3 and p.column == "term" and "not UTF-8" in p.message
               for p in found), [str(p) for p in found]


def test_byte_order_mark_and_windows_line_ends_are_accepted(data_copy):
    original = mbc_edu.load("quiz")
    path = data_copy / "quiz.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert mbc_edu.validate(data_copy) == []
    pd.testing.assert_frame_equal(mbc_edu.load("quiz", data_copy), original)


@pytest.mark.parametrize("spelling", ["TRUE", "True", "tRuE", "FALSE", "False", "fAlSe"])
def test_booleans_in_any_case(data_copy, spelling):
    set_cell(data_copy / "sites.csv", "often_no_symptoms", lambda old: spelling)
    assert mbc_edu.validate(data_copy) == []
    value = mbc_edu.load("sites", data_copy)["often_no_symptoms"].iloc[0]
    assert value == (spelling.lower() == "true")


def test_empty_columns_and_rows_at_the_end_are_accepted(data_copy):
    rewrite(data_copy / "lessons.csv", lambda rows: [r + ["", ""] for r in rows] + [[""] * (len(rows[0]) + 2)])
    assert mbc_edu.validate(data_copy) == []
    pd.testing.assert_frame_equal(mbc_edu.load("lessons", data_copy), mbc_edu.load("lessons"))


def test_a_filled_cell_in_an_unnamed_column_is_a_problem(data_copy):
    rewrite(data_copy / "lessons.csv", lambda rows: [r + [""] for r in rows[:2]] + [rows[2] + ["x"]] + rows[3:])
    found = problems(data_copy)
    assert "lessons.csv, row 1, column '': column is not in the schema (datapackage.json); " \
        "remove it or add it to the schema" in found


def test_spreadsheet_date_names_the_fix(data_copy):
    edit(data_copy / "sources.csv", ",2025-07-02,", ",7/2/2025,")
    p = only(data_copy)
    assert (p.file, p.row, p.column) == ("sources.csv", 2, "date")
    assert p.message.startswith("'7/2/2025' is not a date like 2025-07-02") and "validate --fix" in p.message


def test_impossible_date(data_copy):
    edit(data_copy / "sources.csv", ",2025-07-02,", ",2025-02-30,")
    assert problems(data_copy) == ["sources.csv, row 2, column 'date': '2025-02-30' is not a date like 2025-07-02"]


def test_quote_not_closed(data_copy):
    lessons = data_copy / "lessons.csv"
    kept = lessons.read_text(encoding="utf-8")  # the real lessons stay, so every link to them holds
    rows = "".join(f"id-{i},{i},Title {i},{i:02}-X.ipynb,Summary\n" for i in range(100, 6000))
    lessons.write_text(kept + 'open,99,"Title with an open quote,99-X.ipynb,Summary\n' + rows, encoding="utf-8")
    p = only(data_copy)
    assert (p.file, p.row) == ("lessons.csv", len(kept.splitlines()) + 1)
    assert 'a quote (") is not closed' in p.message


def test_stray_whitespace(data_copy):
    edit(data_copy / "lessons.csv", "start,1,Start here,", "start,1, Start here ,")
    assert problems(data_copy) == ["lessons.csv, row 2, column 'title': has spaces at the start or end of the cell"]


def test_percentage_out_of_range(data_copy):
    set_cell(data_copy / "statistics.csv", "percent", lambda old: "130")
    found = problems(data_copy)
    assert "statistics.csv, row 2, column 'percent': 130.0 is above the maximum 100" in found


def test_percent_must_match_count(data_copy):
    set_cell(data_copy / "statistics.csv", "count", lambda old: str(int(old) + 7))
    p = only(data_copy)
    assert (p.file, p.row, p.column) == ("statistics.csv", 2, "percent")


def test_html_in_a_cell_is_kept_as_data(data_copy):
    edit(data_copy / "lessons.csv", "Start here,", "<script>alert(1)</script> Start here,")
    assert mbc_edu.validate(data_copy) == []
    title = mbc_edu.load("lessons", data_copy).set_index("id").loc["start", "title"]
    assert title == "<script>alert(1)</script> Start here"


def test_load_raises_data_error_listing_problems(data_copy):
    edit(data_copy / "lessons.csv", "start,1,", "start,one,")
    with pytest.raises(mbc_edu.DataError, match=r"lessons.csv, row 2, column 'number'"):
        mbc_edu.load("lessons", data_copy)


def test_environment_variable_chooses_data_dir(data_copy, monkeypatch):
    edit(data_copy / "lessons.csv", "Start here,", "Begin here,")
    monkeypatch.setenv("MBC_EDU_DATA", str(data_copy))
    assert mbc_edu.load("lessons").set_index("id").loc["start", "title"] == "Begin here"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "mbc_edu", "validate", *args],
                          capture_output=True, text=True)


def test_cli_ok_prints_counts():
    result = run_cli()
    assert result.returncode == 0, result.stdout + result.stderr
    tables = len(json.loads((mbc_edu.data_dir() / "datapackage.json").read_text(encoding="utf-8"))["resources"])
    assert result.stdout.startswith(f"OK: {tables} tables,") and "sites " in result.stdout


def test_cli_lists_every_problem_without_traceback(data_copy):
    edit(data_copy / "lessons.csv", "start,1,", "start,one,")
    (data_copy / "sites.csv").unlink()
    result = run_cli("--data-dir", str(data_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "lessons.csv, row 2, column 'number': 'one' is not a whole number" in result.stdout
    assert "sites.csv: file is missing" in result.stdout
    assert "problem(s) found" in result.stderr


def test_cli_missing_directory(tmp_path):
    result = run_cli("--data-dir", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "datapackage.json: file is missing" in result.stdout
