"""Sentences of running text, by pySBD's rule-based sentence boundary detection.

pySBD knows abbreviations ("e.g.", "et al.", "i.e."), initials and numbers, which a split at every
full stop gets wrong in academic prose. Paragraphs are split in batches of about 60,000
characters (pySBD compiles its patterns per call, so a call per paragraph is slow, and it rewrites
the whole text once per abbreviation it meets, so one call for a long document grows faster than
its length); a sentence never crosses a paragraph's end. Spans are mapped back to document
offsets.
"""

from __future__ import annotations

import bisect
from functools import cache

from .structure import Paragraph, Sentence

__all__ = ["split_sentences"]

SEPARATOR = "\n\n"


@cache
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


BATCH = 60_000


def split_sentences(paragraphs: list[Paragraph]) -> None:
    """Set each paragraph's ``sentences`` (document offsets)."""
    batch: list[Paragraph] = []
    size = 0
    for paragraph in paragraphs:
        batch.append(paragraph)
        size += len(paragraph.joined.text)
        if size >= BATCH:
            _split_batch(batch)
            batch, size = [], 0
    if batch:
        _split_batch(batch)


def _split_batch(paragraphs: list[Paragraph]) -> None:
    texts = [p.joined.text for p in paragraphs]
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    whole = SEPARATOR.join(texts)
    cuts: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
    for span in _segmenter().segment(whole) if whole.strip() else []:
        start = span.start
        while start < span.end:
            k = bisect.bisect_right(starts, start) - 1
            local_start = start - starts[k]
            local_end = min(span.end - starts[k], len(texts[k]))
            if local_end > local_start:
                cuts[k].append((local_start, local_end))
            start = starts[k + 1] if k + 1 < len(starts) else span.end
    for paragraph, spans in zip(paragraphs, cuts, strict=True):
        text = paragraph.joined.text
        sentences = []
        for start, end in spans:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                document_start, document_end = paragraph.joined.span(start, end)
                sentences.append(Sentence(document_start, document_end, len(sentences)))
        if not sentences and text.strip():
            sentences.append(Sentence(paragraph.start, paragraph.end, 0))
        paragraph.sentences = sentences
