"""sentence_bounds: widening an anchor to its sentence or table row in PDF-like text.

The sample text is written for this test (not taken from any source). It imitates what a
PDF-to-text tool gives: prose lines separated by empty lines, a rule of spaces before the
footnotes, footnotes on consecutive lines, an indented line where the page resumes, and a table.
"""

from __future__ import annotations

import pytest

from c2c_kg.graph.sentences import sentence_bounds

TEXT = (
    "2.1. Harbour towns \n"
    "Two harbour towns signed a pact in 1990. The pact covers ferries, fish \n"
    "\n"
    "markets and schools (e.g. Ostend and Dover), as Smith et al. (2001) report.3 Later \n"
    "\n"
    "the towns added a youth \n"
    "                                      \n"
    "3 A note on the ports. It is short. \n"
    "4 Another note about tides. \n"
    " exchange to the pact. \n"
    "\n"
    " \n"
    "Table 2.1 Pacts by year \n"
    "Town A Town B Year \n"
    "Ostend Dover 1990 \n"
    "Calais Folkestone 1995 \n"
    "\n"
    " \n"
    "Partner ports \n"
    "\n"
    "Ferries link the two towns! Nobody asked why? Fine.\n"
)


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def widened(phrase: str) -> str:
    start, end = sentence_bounds(TEXT, *span(phrase))
    return " ".join(TEXT[start:end].split())


def test_a_sentence_runs_across_line_breaks_and_ends_at_a_full_stop():
    assert widened("ferries, fish") == (
        "The pact covers ferries, fish markets and schools (e.g. Ostend and Dover), as Smith "
        "et al. (2001) report.3"
    )


def test_abbreviations_do_not_end_a_sentence():
    assert widened("Smith").startswith("The pact covers")
    assert widened("Ostend and Dover").endswith("report.3")


def test_the_first_sentence_stops_at_the_numbered_heading():
    assert widened("signed a pact") == "Two harbour towns signed a pact in 1990."


def test_footnotes_are_their_own_sentences():
    assert widened("on the ports") == "3 A note on the ports."
    assert widened("It is short") == "It is short."
    assert widened("tides") == "4 Another note about tides."


def test_a_sentence_interrupted_by_footnotes_is_taken_whole():
    whole = ("Later the towns added a youth 3 A note on the ports. It is short. 4 Another note "
             "about tides. exchange to the pact.")
    assert widened("youth") == whole
    assert widened("to the pact") == whole


def test_a_new_sentence_after_the_footnotes_stands_alone():
    text = TEXT.replace(" exchange to the pact.", " Exchange came later.")
    start = text.index("came later")
    low, high = sentence_bounds(text, start, start + len("came later"))
    assert text[low:high] == "Exchange came later."


def test_a_table_row_is_its_own_line():
    assert widened("Dover 1990") == "Ostend Dover 1990"
    assert widened("Calais") == "Calais Folkestone 1995"


def test_a_caption_and_an_unnumbered_heading_stay_out_of_the_next_sentence():
    assert widened("Pacts by year") == "Table 2.1 Pacts by year"
    assert widened("Ferries link") == "Ferries link the two towns!"
    assert widened("Nobody asked") == "Nobody asked why?"
    assert widened("Fine") == "Fine."


def test_a_span_is_never_shrunk_and_may_cover_two_sentences():
    start, end = span("1990. The pact")
    low, high = sentence_bounds(TEXT, start, end)
    assert low <= start and high >= end
    assert " ".join(TEXT[low:high].split()).startswith("Two harbour towns")
    assert TEXT[low:high].rstrip().endswith("report.3")


def test_a_span_outside_the_text_is_refused():
    with pytest.raises(ValueError):
        sentence_bounds(TEXT, 5, len(TEXT) + 1)
