"""Showing results to a person on the terminal (the edge of the program: only the CLI uses it)."""

from __future__ import annotations

from .results import Results

__all__ = ["print_table"]


def print_table(results: Results) -> None:
    """Print ``results`` as a table on the terminal (rich), with a row count."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if results.boolean is not None:
        console.print("true" if results.boolean else "false")
        return
    table = Table(show_lines=False)
    for name in results.variables:
        table.add_column(name, overflow="fold")
    for row in results.rows:
        table.add_row(*[row[v].short() if v in row else "" for v in results.variables])
    console.print(table)
    console.print(f"{len(results.rows)} row(s)", style="dim")
