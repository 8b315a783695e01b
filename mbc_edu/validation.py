"""Check the content tables against ``datapackage.json`` (a Frictionless Table Schema).

Only the schema knows the columns: this module reads field types, constraints,
primary and foreign keys, and the named cross-field ``checks`` from it. Every
problem names the file, the row as a spreadsheet shows it (the header is row 1)
and the column.
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

BOM = b"\xef\xbb\xbf"
TRUE = {"true", "True", "TRUE", "1"}
FALSE = {"false", "False", "FALSE", "0"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible."""

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


def _decode(file: str, raw: bytes) -> tuple[str, list[Problem]]:
    problems = []
    if raw.startswith(BOM):
        problems.append(Problem(file, "starts with a hidden byte-order mark (BOM); "
                                "save it as plain UTF-8 without BOM", row=1))
        raw = raw[len(BOM):]
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
    header, *records = list(csv.reader(io.StringIO(text)))
    for number, record in enumerate(records, start=2):
        for name, cell in zip(header, record):
            if "\ufffd" in cell:
                problems.append(Problem(file, "has characters that are not UTF-8 "
                                        "(save the file as UTF-8)", number, name))
    if not any("not UTF-8" in p.message for p in problems):
        problems.append(Problem(file, "has characters that are not UTF-8 (save the file as UTF-8)"))
    return text, problems


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
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise ValueError(f"'{value}' is not true or false")
    if kind == "date":
        try:
            if DATE.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ValueError(f"'{value}' is not a date like 2025-07-02")
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
    records = list(csv.reader(io.StringIO(text)))
    if not records or not any(cell.strip() for cell in records[0]):
        expected = ", ".join(names)
        return None, problems + [Problem(file, f"file is empty; it needs a header row: {expected}", row=1)]
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
