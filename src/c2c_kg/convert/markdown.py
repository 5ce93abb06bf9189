"""The layout of a Markdown document, read with markdown-it-py.

Headings become sections numbered by their place in the outline (``1``, ``1.1`` …, since Markdown
headings carry no numbers); paragraphs, list items and block quotes become paragraphs; fenced
and indented code is left out; table rows are kept as rows. A YAML front matter block (``---``)
is read for the document's metadata and left out of the text. Figures and tables named in an
image's alt text or in a site generator's include tag (``caption="Figure 3. …"``) become captions.
"""

from __future__ import annotations

import re

from .structure import Caption, JoinedText, Paragraph, Section, Structure

__all__ = ["front_matter", "markdown_layout"]

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*\n", re.DOTALL)
CAPTION = re.compile(r"""caption=["'](?P<kind>Figure|Table)\s+(?P<number>\d+(?:\.\d+)*)\.?\s*"""
                     r"""(?P<title>[^"']*)["']""")


def front_matter(text: str) -> dict:
    """The document's YAML front matter as a dict (empty when there is none or it is not YAML)."""
    import yaml

    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    try:
        loaded = yaml.safe_load(match.group("body"))
    except yaml.YAMLError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def markdown_layout(text: str) -> Structure:
    """The structure of Markdown ``text`` (see the module docstring)."""
    from markdown_it import MarkdownIt

    match = FRONT_MATTER.match(text)
    skip_lines = match.group(0).count("\n") if match else 0
    line_starts = [0]
    for line in text.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    lines = text.split("\n")
    body = "\n" * skip_lines + text[match.end():] if match else text
    tokens = MarkdownIt("commonmark").enable("table").parse(body)

    structure = Structure()
    counters: list[int] = []
    base_level: int | None = None
    open_sections: list[Section] = []
    section: str | None = None
    for k, token in enumerate(tokens):
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "heading_open":
            level = int(token.tag[1:])
            base_level = level if base_level is None else min(base_level, level)
            depth = level - base_level + 1
            counters = (counters + [0] * depth)[:depth]
            counters[-1] += 1
            number = ".".join(str(c) for c in counters if c) or "1"
            inline = tokens[k + 1]
            start, end = _span(lines, line_starts, first, last)
            while open_sections and not number.startswith(open_sections[-1].number + "."):
                open_sections.pop()
            parent = open_sections[-1].number if open_sections else None
            heading = Section(number, inline.content.strip(), start, end, parent)
            structure.sections.append(heading)
            open_sections.append(heading)
            section = number
        elif token.type == "paragraph_open":
            joined = JoinedText()
            for index in range(first, last):
                raw = lines[index]
                stripped = raw.strip().lstrip(">").strip()
                if stripped.startswith(("- ", "* ", "+ ")):
                    stripped = stripped[2:].strip()
                if stripped:
                    start = line_starts[index] + raw.find(stripped)
                    joined.add(start, stripped, joiner=" ")
            if joined.text:
                start, end = joined.span(0, len(joined.text))
                structure.paragraphs.append(
                    Paragraph(len(structure.paragraphs), start, end, joined, section))
        elif token.type == "tr_open":
            start, end = _span(lines, line_starts, first, last)
            structure.table_rows.append((start, end, ""))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "image" and CAPTION.search(f'caption="{child.content}"'):
                    _caption(structure, CAPTION.search(f'caption="{child.content}"'),
                             *_span(lines, line_starts, first, last))
    for index, raw in enumerate(lines):
        if index < skip_lines:
            continue
        for found in CAPTION.finditer(raw):
            start = line_starts[index] + found.start("kind")
            _caption(structure, found, start, line_starts[index] + found.end("title"))
    structure.captions.sort(key=lambda c: c.start)
    return structure


def _caption(structure: Structure, found: re.Match[str], start: int, end: int) -> None:
    structure.captions.append(Caption(found.group("kind").lower(), found.group("number"),
                                      found.group("title").strip(), start, end))


def _span(lines: list[str], line_starts: list[int], first: int, last: int) -> tuple[int, int]:
    end_line = max(last - 1, first)
    return line_starts[first], line_starts[end_line] + len(lines[end_line].rstrip())
