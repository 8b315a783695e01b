"""Tables saved by a spreadsheet come back unchanged: LibreOffice for real, Excel simulated.

LibreOffice is Debian's ``libreoffice-calc-nogui`` (``make libreoffice``). Each test session
uses its own LibreOffice profile, so a stale lock of another run can never make it hang.
"""
import csv
import io
import json
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest

import mbc_edu
from mbc_edu.__main__ import main
from mbc_edu.tables import _package

# Comma, double quote, UTF-8 (76), header on line 1, standard columns, English (US),
# quoted cells are not forced to text, and special numbers (dates) are detected.
CSV_IN = "Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true"
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def resources(directory):
    return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))["resources"]


def frames(directory):
    _package.cache_clear()  # load() reads a directory once per process; these tests rewrite it
    return {r["name"]: mbc_edu.load(r["name"], directory) for r in resources(directory)}


def assert_same_tables(directory, original):
    loaded = frames(directory)
    assert loaded.keys() == original.keys()
    for name, frame in original.items():
        pd.testing.assert_frame_equal(loaded[name], frame, obj=name)


@pytest.fixture
def fix(capsys):
    """Run ``python -m mbc_edu validate --fix``; return its exit code and what it printed."""
    def run(directory, *options):
        code = main(["validate", "--fix", "--data-dir", str(directory), *options])
        return code, capsys.readouterr().out
    return run


@pytest.fixture
def original(data_copy, tmp_path):
    """The tables of ``data_copy`` before a test changes it, read from a copy of their own."""
    return frames(shutil.copytree(data_copy, tmp_path / "original"))


@pytest.fixture(scope="session")
def soffice(tmp_path_factory):
    """Run LibreOffice headless with a profile of this test session."""
    executable = shutil.which("soffice")
    if executable is None:
        pytest.fail("LibreOffice not found: run `make libreoffice` (apt-get install libreoffice-calc-nogui)")
    profile = tmp_path_factory.mktemp("libreoffice-profile").as_uri()

    def run(*args):
        result = subprocess.run([executable, f"-env:UserInstallation={profile}", "--headless", *args],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    return run


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_libreoffice_round_trip(soffice, fix, data_copy, original, tmp_path, kind):
    """Open every table in LibreOffice Calc, save it as a workbook, then as CSV again."""
    tables = sorted(data_copy.glob("*.csv"))
    books = tmp_path / kind
    soffice("--infilter=" + CSV_IN, "--convert-to", kind, "--outdir", str(books), *map(str, tables))
    soffice("--convert-to", CSV_OUT, "--outdir", str(data_copy), *(str(books / f"{t.stem}.{kind}") for t in tables))
    saved = {t.name: t.read_text(encoding="utf-8") for t in tables}
    assert mbc_edu.validate(data_copy) == []  # LibreOffice's TRUE/FALSE and quoting are accepted as they are
    assert_same_tables(data_copy, original)

    code, out = fix(data_copy)
    assert code == 0 and "\nOK: " in out, out
    for line in out.splitlines()[:-2]:
        assert "-> 'true'" in line or "-> 'false'" in line, line  # only booleans needed respelling
    for table in tables:  # each cell keeps its quotes: LibreOffice quotes every text cell
        assert table.read_text(encoding="utf-8").count('"') == saved[table.name].count('"'), table.name
    assert_same_tables(data_copy, original)


def excel_save(directory, date_format="{d.month}/{d.day}/{d.year}"):
    """Save every table as Excel's "CSV UTF-8" does; return the changes --fix should print."""
    expected = []
    for resource in resources(directory):
        path = directory / resource["path"]
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        for field in resource["schema"]["fields"]:
            column = rows[0].index(field["name"])
            for number, row in enumerate(rows[1:], start=2):
                old = row[column]
                if field["type"] == "date" and old:
                    row[column] = date_format.format(d=date.fromisoformat(old))
                elif field["type"] == "boolean" and old:
                    row[column] = old.upper()
                if row[column] != old:
                    expected.append(f"{path.name}, row {number}, column '{field['name']}': '{row[column]}' -> '{old}'")
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8-sig")
        expected += [f"{path.name}: removed the byte-order mark (BOM) at the start",
                     f"{path.name}: Windows line ends (CRLF) -> LF"]
    return expected


def test_excel_save_is_accepted_except_its_dates(data_copy):
    excel_save(data_copy)
    found = mbc_edu.validate(data_copy)
    assert found, "the simulated save has no date to rewrite"
    for problem in found:
        assert problem.column == "date" and problem.row > 1, str(problem)
        assert "validate --fix" in problem.message, str(problem)


@pytest.mark.parametrize("order, date_format", [
    ("mdy", "{d.month}/{d.day}/{d.year}"),
    ("mdy", "{d.month:02}/{d.day:02}/{d.year}"),
    ("mdy", "{d.month:02}/{d.day:02}/{d:%y}"),  # LibreOffice's short date in English (US)
    ("dmy", "{d.day}/{d.month}/{d.year}"),
    ("dmy", "{d.day:02}.{d.month:02}.{d.year}"),
])
def test_fix_rewrites_an_excel_save(fix, data_copy, original, order, date_format):
    expected = excel_save(data_copy, date_format)
    code, out = fix(data_copy, *(["--date-order", order] if order != "mdy" else []))
    assert code == 0, out
    lines = out.splitlines()
    assert sorted(lines[:-2]) == sorted(expected)
    assert lines[-2] == f"Fixed {len(expected)} thing(s) in {data_copy}"
    assert lines[-1].startswith("OK: ")
    assert_same_tables(data_copy, original)
    assert fix(data_copy)[1].startswith("Nothing to fix\nOK: ")


def set_cells(path, changes):
    """Set cells by (row as a spreadsheet numbers it, column name)."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    for (row, column), value in changes.items():
        rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_fix_leaves_text_and_unreadable_dates_alone(fix, data_copy):
    text = "TRUE on 7/2/2025, said the note"
    set_cells(data_copy / "sources.csv", {(2, "date"): "July 2025", (3, "date"): "13/2/2025", (4, "note"): text})
    before = (data_copy / "sources.csv").read_bytes()
    code, out = fix(data_copy)
    assert code == 1
    assert out.startswith("Nothing to fix\n")
    assert "sources.csv, row 2, column 'date': 'July 2025' is not a date like 2025-07-02\n" in out
    assert "sources.csv, row 3, column 'date': '13/2/2025' is not a date like 2025-07-02" in out
    assert (data_copy / "sources.csv").read_bytes() == before
    assert text in before.decode("utf-8")


def test_fix_removes_what_a_spreadsheet_adds_at_the_end(fix, data_copy, original):
    path = data_copy / "lessons.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("".join(f"{line},,\n" for line in lines) + ",,,,,,\n,,,,,,\n", encoding="utf-8")
    assert fix(data_copy)[1].splitlines()[:2] == ["lessons.csv: removed 2 empty row(s) at the end",
                                              "lessons.csv: removed 2 empty column(s) at the end"]
    assert path.read_text(encoding="utf-8").splitlines() == lines
    assert_same_tables(data_copy, original)


def test_fix_keeps_each_cells_quotes(fix, data_copy):
    path = data_copy / "sites.csv"
    quoted = "\n".join(",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in
                       csv.reader(io.StringIO(path.read_text(encoding="utf-8")))) + "\n"
    path.write_text(quoted.replace('"false"', '"FALSE"'), encoding="utf-8")
    assert "'FALSE' -> 'false'" in fix(data_copy)[1]
    assert path.read_text(encoding="utf-8") == quoted


def test_date_order_needs_fix(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--date-order", "dmy"])
    assert exit_.value.code == 2 and "--date-order works only with --fix" in capsys.readouterr().err
