"""Command line: ``python -m mbc_edu validate [--data-dir DIR] [--fix [--date-order mdy|dmy]]``
or ``python -m mbc_edu serve``."""
from __future__ import annotations

import argparse
import sys

from .validation import DATE_ORDERS, check_package, fix_package


def validate_main(argv: list[str]) -> int:
    """Check every table and foreign key; print OK with counts, or every problem.

    With ``--fix``, first rewrite what a spreadsheet changed and print each change.
    """
    parser = argparse.ArgumentParser(prog="python -m mbc_edu validate",
                                     description="Check the course content tables.")
    parser.add_argument("--data-dir", help="folder with datapackage.json and the CSV files "
                        "(default: $MBC_EDU_DATA or the packaged data)")
    parser.add_argument("--fix", action="store_true",
                        help="first rewrite, in place, what a spreadsheet changed: byte-order mark, "
                        "Windows line ends, local dates (7/2/2025 -> 2025-07-02), TRUE/FALSE, "
                        "empty rows and columns at the end; text is never changed")
    parser.add_argument("--date-order", choices=DATE_ORDERS,
                        help="how --fix reads a date such as 7/2/2025: mdy (July 2, the default) "
                        "or dmy (7 February)")
    args = parser.parse_args(argv)
    if args.date_order and not args.fix:
        parser.error("--date-order works only with --fix")
    from .tables import data_dir

    directory = data_dir(args.data_dir)
    try:
        if args.fix:
            changes = fix_package(directory, args.date_order or "mdy")
            for change in changes:
                print(change)
            print(f"Fixed {len(changes)} thing(s) in {directory}" if changes else "Nothing to fix")
        _, tables, problems = check_package(directory)
    except OSError as err:
        print(f"Could not read the data in {directory}: {err}", file=sys.stderr)
        return 1
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found in {directory}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(t.rows)}" for name, t in tables.items())
    total = sum(len(t.rows) for t in tables.values())
    print(f"OK: {len(tables)} tables, {total} rows ({counts}) in {directory}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["validate"]:
        return validate_main(argv[1:])
    if argv[:1] == ["serve"]:
        from .serve import main as serve_main
        return serve_main(argv[1:])
    print("usage: python -m mbc_edu {validate,serve} [options]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
