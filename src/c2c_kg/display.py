"""Showing results to a person on the terminal (the edge of the program: only the CLI uses it).

On a terminal the table fits its width (long values fold). Off a terminal (a pipe, a file) there
is no width to fit: each row stays on one line, as wide as its longest values, and a note on
standard error points to the formats made for programs.
"""

from __future__ import annotations

import sys
from unicodedata import east_asian_width

from .results import Results

__all__ = ["print_table"]

OFF_TERMINAL_NOTE = ("c2c-kg: the table is for people (IRIs shortened); for other programs use "
                     "-f csv, -f tsv or -f json.")


def print_table(results: Results) -> None:
    """Print ``results`` as a table with a row count (for a page: which rows it shows), fitted to
    the terminal by rich, else written plainly with the same box, one line per row (rich costs a
    third of the start-up)."""
    if results.boolean is not None:
        print("true" if results.boolean else "false")
        return
    cells = [[row[v].short() if v in row else "" for v in results.variables]
             for row in results.rows]
    if sys.stdout.isatty():
        _print_fitted(results.variables, cells, _count(results))
        return
    sys.stdout.write(plain_table(results.variables, cells))
    print(_count(results))
    print(OFF_TERMINAL_NOTE, file=sys.stderr)


def _count(results: Results) -> str:
    """``N row(s)``; for a page of a longer answer, which rows and whether more follow."""
    if not (results.offset or results.more):
        return f"{len(results.rows)} row(s)"
    first, last = results.offset + 1, results.offset + len(results.rows)
    shown = f"rows {first}–{last}" if results.rows else f"no rows after row {first - 1}"
    return shown + (", more follow" if results.more else "")


def _print_fitted(names: list[str], cells: list[list[str]], count: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=sys.stdout)
    table = Table(show_lines=False)
    for name in names:
        table.add_column(name, overflow="fold")
    for row in cells:
        table.add_row(*row)
    console.print(table)
    console.print(count, style="dim", highlight=False)


def _width(text: str) -> int:
    """Columns that ``text`` takes on a terminal (wide East Asian characters take two)."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def plain_table(names: list[str], cells: list[list[str]]) -> str:
    """The table drawn as rich draws it (heavy header, light body), each row on one line."""
    widths = [max([_width(name), *(_width(row[i]) for row in cells)])
              for i, name in enumerate(names)]

    def rule(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + right + "\n"

    def line(values: list[str], bar: str) -> str:
        padded = (f" {v}{' ' * (w - _width(v))} " for v, w in zip(values, widths, strict=True))
        return bar + bar.join(padded) + bar + "\n"

    return "".join([rule("┏", "━", "┳", "┓"), line(names, "┃"), rule("┡", "━", "╇", "┩"),
                    *(line(row, "│") for row in cells), rule("└", "─", "┴", "┘")])
