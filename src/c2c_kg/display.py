"""Showing results to a person on the terminal (the edge of the program: only the CLI uses it).

On a terminal the table fits its width (long values fold). Off a terminal (a pipe, a file) there
is no width to fit: each row stays on one line, as wide as its longest values, and a note on
standard error points to the formats made for programs.
"""

from __future__ import annotations

import sys

from .results import Results

__all__ = ["print_table"]

OFF_TERMINAL_NOTE = ("c2c-kg: the table is for people (IRIs shortened); for other programs use "
                     "-f csv, -f tsv or -f json.")


def print_table(results: Results) -> None:
    """Print ``results`` as a table (rich), with a row count."""
    from rich.console import Console
    from rich.table import Table

    cells = [[row[v].short() if v in row else "" for v in results.variables]
             for row in results.rows]
    terminal = sys.stdout.isatty()
    width = None
    if not terminal:
        widest = [max([len(name), *(len(c[i]) for c in cells)])
                  for i, name in enumerate(results.variables)]
        width = max(80, sum(widest) + 3 * len(widest) + 1)
    console = Console(width=width, file=sys.stdout)
    if results.boolean is not None:
        console.print("true" if results.boolean else "false")
        return
    table = Table(show_lines=False)
    for name in results.variables:
        table.add_column(name, overflow="fold", no_wrap=not terminal)
    for row in cells:
        table.add_row(*row)
    console.print(table)
    console.print(f"{len(results.rows)} row(s)", style="dim")
    if not terminal:
        print(OFF_TERMINAL_NOTE, file=sys.stderr)
