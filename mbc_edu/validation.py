"""Check the content tables against ``datapackage.json`` (a Frictionless Table Schema).

Only the schema knows the columns: this module reads field types, constraints,
primary and foreign keys, and the named cross-field ``checks`` from it. Every
problem names the file, the row as a spreadsheet shows it (the header is row 1)
and the column. What a spreadsheet's "CSV UTF-8" save adds (a byte-order mark,
Windows line ends, TRUE/FALSE, empty columns at the end) is accepted as it is;
:func:`fix_package` rewrites it, and local dates such as 7/2/2025, in place.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

BOM = "\ufeff"
TRUE = {"true", "1"}  # compared in lower case: TRUE, True and tRuE count too
FALSE = {"false", "0"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LOCAL_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
CENTURY_PIVOT = 30  # a two-digit year below 30 is 20xx, else 19xx, as Excel and LibreOffice read it
DATE_ORDERS = ("mdy", "dmy")
INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True)
class Note:
    """A message about a file, located as precisely as possible."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class Problem(Note):
    """One thing wrong with the data."""


class Change(Note):
    """One thing :func:`fix_package` rewrote."""


class DataError(ValueError):
    """The content tables are broken; ``problems`` lists every issue found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the course data:\n{lines}")


@dataclass
class Table:
    """A table read from CSV: typed cells per row, with spreadsheet row numbers."""

    name: str
    file: str
    fields: list[dict]
    rows: list[dict]
    row_numbers: list[int]


def read_package(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    """Read ``datapackage.json`` from ``data_dir``."""
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except FileNotFoundError:
        return None, [Problem("datapackage.json", f"file is missing from {data_dir}")]
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return None, [Problem("datapackage.json", f"is not valid JSON ({err})")]


def _plain(text: str) -> str:
    """CSV text without a spreadsheet's byte-order mark, with LF line ends."""
    return text.removeprefix(BOM).replace("\r\n", "\n")


def _decode(file: str, raw: bytes) -> tuple[str, list[Problem]]:
    problems = []
    try:
        return _plain(raw.decode("utf-8")), problems
    except UnicodeDecodeError:
        text = _plain(raw.decode("utf-8", errors="replace"))
    header, *records = list(csv.reader(io.StringIO(text)))
    for number, record in enumerate(records, start=2):
        for name, cell in zip(header, record):
            if "\ufffd" in cell:
                problems.append(Problem(file, "has characters that are not UTF-8 "
                                        "(save the file as UTF-8)", number, name))
    if not any("not UTF-8" in p.message for p in problems):
        problems.append(Problem(file, "has characters that are not UTF-8 (save the file as UTF-8)"))
    return text, problems


class UnreadableRecord(ValueError):
    """The csv module cannot read record ``row`` (1 is the header)."""

    def __init__(self, row: int, reason: str):
        self.row = row
        super().__init__(reason)


def split_records(text: str) -> list[tuple[list[str], str]]:
    """Parse CSV text into records: (cells, the record's own text)."""
    lines = re.findall(r"[^\n]*\n|[^\n]+", text)
    # strict: a quote left open at the end of the file is an error, not a cell that swallows the
    # rest of the file (which the lenient reader allows whenever the field size limit is high).
    reader = csv.reader(lines, strict=True)
    records, start = [], 0
    try:
        for cells in reader:
            records.append((cells, "".join(lines[start:reader.line_num])))
            start = reader.line_num
    except csv.Error as err:
        raise UnreadableRecord(len(records) + 1, str(err)) from None
    return records


def _padding(records: list[list[str]]) -> tuple[int, int]:
    """Empty columns (no name, no value) and empty rows a spreadsheet added at the end."""
    rows = 0
    while rows < len(records) - 1 and not any(records[-1 - rows]):
        rows += 1
    header = records[0]
    width = len(header)
    while width > 1 and header[width - 1] == "" and all(len(r) < width or r[width - 1] == "" for r in records):
        width -= 1
    return len(header) - width, rows


def _local_date(value: str, date_order: str) -> date | None:
    """A spreadsheet's date such as 7/2/2025 or 07/02/25, read in ``date_order`` (mdy or dmy)."""
    match = LOCAL_DATE.fullmatch(value)
    if not match:
        return None
    first, _, second, year = match.groups()
    month, day = (first, second) if date_order == "mdy" else (second, first)
    if len(year) == 2:
        year = ("20" if int(year) < CENTURY_PIVOT else "19") + year
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _convert(value: str, field: dict):
    """Return the typed value, or raise ValueError with a plain message."""
    kind = field.get("type", "string")
    if kind == "string":
        return value
    if kind == "integer":
        if not INTEGER.fullmatch(value):
            raise ValueError(f"'{value}' is not a whole number")
        return int(value)
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a number") from None
        if not math.isfinite(number):
            raise ValueError(f"'{value}' is not a finite number")
        return number
    if kind == "boolean":
        if value.lower() in TRUE:
            return True
        if value.lower() in FALSE:
            return False
        raise ValueError(f"'{value}' is not true or false")
    if kind == "date":
        try:
            if DATE.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        hint = (" (a spreadsheet changed it: python -m mbc_edu validate --fix rewrites it)"
                if any(_local_date(value, order) for order in DATE_ORDERS) else "")
        raise ValueError(f"'{value}' is not a date like 2025-07-02{hint}")
    raise ValueError(f"the schema uses an unknown type '{kind}'")


def _check_constraints(value, field: dict) -> str | None:
    rules = field.get("constraints", {})
    if "enum" in rules and value not in rules["enum"]:
        allowed = ", ".join(repr(v) for v in rules["enum"])
        return f"'{value}' is not one of the allowed values: {allowed}"
    if "minimum" in rules and value < rules["minimum"]:
        return f"{value} is below the minimum {rules['minimum']}"
    if "maximum" in rules and value > rules["maximum"]:
        return f"{value} is above the maximum {rules['maximum']}"
    if "pattern" in rules and not re.fullmatch(rules["pattern"], str(value)):
        return f"'{value}' does not match the pattern {rules['pattern']}"
    if "maxLength" in rules and len(value) > rules["maxLength"]:
        return f"is {len(value)} characters long; the most allowed is {rules['maxLength']}"
    return None


def read_table(data_dir: Path, resource: dict) -> tuple[Table | None, list[Problem]]:
    """Read and type-check one CSV table against its schema."""
    file = resource["path"]
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    try:
        raw = (data_dir / file).read_bytes()
    except FileNotFoundError:
        return None, [Problem(file, f"file is missing from {data_dir}")]
    text, problems = _decode(file, raw)
    try:
        records = [cells for cells, _ in split_records(text)]
    except UnreadableRecord as err:
        return None, problems + [Problem(file, "cannot be read from here on: a cell is far too long, "
                                         f"or a quote (\") is not closed ({err})", err.row)]
    if not records or not any(cell.strip() for cell in records[0]):
        expected = ", ".join(names)
        return None, problems + [Problem(file, f"file is empty; it needs a header row: {expected}", row=1)]
    full = len(records[0])
    width = full - _padding(records)[0]
    records = [record[:width] if len(record) <= full else record for record in records]
    header = records[0]
    stripped = [h.strip() for h in header]
    for h, s in zip(header, stripped):
        if h != s:
            problems.append(Problem(file, "column name has spaces at the start or end", 1, s))
    missing = [n for n in names if n not in stripped]
    extra = [h for h in stripped if h not in names]
    for n in missing:
        hint = f" (is '{extra[0]}' a renamed '{n}'?)" if len(extra) == 1 and len(missing) == 1 else ""
        problems.append(Problem(file, f"required column is missing{hint}", 1, n))
    for h in extra:
        problems.append(Problem(file, "column is not in the schema (datapackage.json); "
                                "remove it or add it to the schema", 1, h))
    if missing or extra:
        return None, problems
    position = {name: stripped.index(name) for name in names}
    rows, numbers = [], []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(Problem(file, f"has {len(record)} cells but the header has {len(header)}", number))
            continue
        row = {}
        for field in fields:
            name = field["name"]
            cell = record[position[name]]
            if cell != cell.strip():
                problems.append(Problem(file, "has spaces at the start or end of the cell", number, name))
                cell = cell.strip()
            if cell == "":
                if field.get("constraints", {}).get("required"):
                    problems.append(Problem(file, "is empty but a value is required", number, name))
                row[name] = None
                continue
            try:
                value = _convert(cell, field)
            except ValueError as err:
                problems.append(Problem(file, str(err), number, name))
                row[name] = None
                continue
            message = _check_constraints(value, field)
            if message:
                problems.append(Problem(file, message, number, name))
            row[name] = value
        rows.append(row)
        numbers.append(number)
    table = Table(resource["name"], file, fields, rows, numbers)
    problems += _check_unique(table, resource["schema"])
    return table, problems


def _check_unique(table: Table, schema: dict) -> list[Problem]:
    problems = []
    keys = [[f["name"]] for f in table.fields if f.get("constraints", {}).get("unique")]
    primary = schema.get("primaryKey")
    if primary and primary not in keys:
        keys.append(primary)
    for key in keys:
        seen: dict[tuple, int] = {}
        for row, number in zip(table.rows, table.row_numbers):
            value = tuple(row[k] for k in key)
            if None in value:
                continue
            if value in seen:
                shown = ", ".join(str(v) for v in value)
                problems.append(Problem(table.file, f"'{shown}' is a duplicate of row {seen[value]}",
                                        number, "+".join(key)))
            else:
                seen[value] = number
    return problems


def _check_foreign_keys(table: Table, schema: dict, tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        target = tables.get(ref["resource"]) if ref["resource"] else table
        if target is None:
            continue
        known = {tuple(r[k] for k in ref["fields"]) for r in target.rows}
        for row, number in zip(table.rows, table.row_numbers):
            value = tuple(row[k] for k in fk["fields"])
            if None in value or value in known:
                continue
            shown = ", ".join(str(v) for v in value)
            problems.append(Problem(table.file, f"'{shown}' does not exist in {target.file} "
                                    f"(column {', '.join(ref['fields'])})", number, ", ".join(fk["fields"])))
    return problems


def _percent_matches_count(row: dict, percent: str, count: str, out_of: str) -> tuple[str, str] | None:
    if None in (row[percent], row[count], row[out_of]):
        return None
    if row[count] > row[out_of]:
        return count, f"{row[count]} is more than {out_of} ({row[out_of]})"
    if abs(row[count] / row[out_of] * 100 - row[percent]) > 0.5:
        return percent, f"{row[percent]} does not match {count}/{out_of} = {row[count]}/{row[out_of]}"
    return None


def _answer_names_a_choice(row: dict, answer: str, *choices: str) -> tuple[str, str] | None:
    letter = row[answer]
    if letter is None:
        return None
    column = next((c for c in choices if c.endswith("_" + letter)), None)
    if column is None or row[column] is None:
        return answer, f"answer '{letter}' points to an empty choice"
    return None


CHECKS = {"percent_matches_count": _percent_matches_count, "answer_names_a_choice": _answer_names_a_choice}


def _check_rows(table: Table, schema: dict) -> list[Problem]:
    problems = []
    for spec in schema.get("checks", []):
        check = CHECKS.get(spec["check"])
        if check is None:
            problems.append(Problem("datapackage.json", f"unknown check '{spec['check']}' for {table.name}"))
            continue
        for row, number in zip(table.rows, table.row_numbers):
            found = check(row, *spec["fields"])
            if found:
                problems.append(Problem(table.file, found[1], number, found[0]))
    return problems


def check_package(data_dir: Path) -> tuple[dict, dict[str, Table], list[Problem]]:
    """Read and check every table; returns (package, tables, problems)."""
    package, problems = read_package(data_dir)
    if package is None:
        return {}, {}, problems
    tables: dict[str, Table] = {}
    for resource in package.get("resources", []):
        table, found = read_table(data_dir, resource)
        problems += found
        if table is not None:
            tables[resource["name"]] = table
    for resource in package.get("resources", []):
        table = tables.get(resource["name"])
        if table is not None:
            problems += _check_foreign_keys(table, resource["schema"], tables)
            problems += _check_rows(table, resource["schema"])
    return package, tables, problems


def _fixed_cell(value: str, field: dict, date_order: str) -> str:
    """The cell as the schema spells it, when a spreadsheet respelled it; else unchanged."""
    kind = field.get("type")
    if kind == "boolean" and value.lower() in TRUE | FALSE:
        return "true" if value.lower() in TRUE else "false"
    if kind == "date":
        found = _local_date(value, date_order)
        return found.isoformat() if found else value
    return value


def _written_cells(raw: str) -> list[str]:
    """A record's cells as written in the file, quotes kept, line end dropped."""
    body = raw.removesuffix("\n")
    cells, start, quoted = [], 0, False
    for i, char in enumerate(body):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            cells.append(body[start:i])
            start = i + 1
    return cells + [body[start:]]


def _rewrite_record(raw: str, old: list[str], new: list[str]) -> str:
    """The record with only its changed cells rewritten, each quoted as it was."""
    end = "\n" if raw.endswith("\n") else ""
    written = _written_cells(raw)
    if len(written) != len(old):  # unusual quoting: write the whole record afresh
        out = io.StringIO()
        csv.writer(out, lineterminator=end).writerow(new)
        return out.getvalue()
    cells = [cell if a == b else (f'"{b}"' if cell.startswith('"') else b)
             for cell, a, b in zip(written, old, new)]
    return ",".join(cells) + end


def fix_table(data_dir: Path, resource: dict, date_order: str = "mdy") -> list[Change]:
    """Rewrite in place what a spreadsheet changed in one table; return each change.

    Only typed cells (dates, booleans) are respelled; text is never changed. A record
    with no change keeps its own text, so its quoting stays as it was.
    """
    file = resource["path"]
    path = data_dir / file
    try:
        saved = path.read_bytes().decode("utf-8")
        text = _plain(saved)
        records = split_records(text)
    except (FileNotFoundError, UnicodeDecodeError, UnreadableRecord):
        return []  # validation reports these
    changes = []
    if saved.startswith(BOM):
        changes.append(Change(file, "removed the byte-order mark (BOM) at the start"))
    if "\r\n" in saved:
        changes.append(Change(file, "Windows line ends (CRLF) -> LF"))
    if records:
        columns, rows = _padding([cells for cells, _ in records])
        if rows:
            records = records[:-rows]
            changes.append(Change(file, f"removed {rows} empty row(s) at the end"))
        if columns:
            changes.append(Change(file, f"removed {columns} empty column(s) at the end"))
        full = len(records[0][0])
        width = full - columns
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        header = [name.strip() for name in records[0][0][:width]]
        out = []
        for number, (cells, raw) in enumerate(records, start=1):
            new = cells[:width] if len(cells) <= full else list(cells)
            for i, name in enumerate(header[:len(new)]):
                fixed = _fixed_cell(new[i], fields[name], date_order) if number > 1 and name in fields else new[i]
                if fixed != new[i]:
                    changes.append(Change(file, f"'{new[i]}' -> '{fixed}'", number, name))
                    new[i] = fixed
            out.append(raw if new == cells else _rewrite_record(raw, cells, new))
        text = "".join(out)
    if changes:
        path.write_bytes(text.encode("utf-8"))
    return changes


def fix_package(data_dir: Path, date_order: str = "mdy") -> list[Change]:
    """Rewrite every table's spreadsheet changes in place (see :func:`fix_table`)."""
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}")
    package, _ = read_package(data_dir)
    changes = []
    for resource in (package or {}).get("resources", []):
        changes += fix_table(data_dir, resource, date_order)
    return changes
