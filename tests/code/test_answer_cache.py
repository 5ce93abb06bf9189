"""The server's memory of complete answers: bounded by rows, least recently used out."""

from __future__ import annotations

from c2c_kg.web.answercache import AnswerCache
from c2c_kg.web.dataset import Outcome


def _answer(rows: int, timed_out: bool = False) -> Outcome:
    return Outcome("SELECT", ["x"], [[n] for n in range(rows)], timed_out=timed_out)


def test_the_least_recently_used_answer_leaves_first_when_rows_run_out():
    cache = AnswerCache(max_rows=25)
    cache.put("a", _answer(10))
    cache.put("b", _answer(10))
    assert cache.get("a").cached  # "a" used last: "b" is the oldest now
    cache.put("c", _answer(10))
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("c") is not None
    assert cache.rows == 22 and (cache.hits, cache.misses) == (3, 1)


def test_cut_short_or_oversized_answers_are_not_kept_and_copies_are_returned():
    cache = AnswerCache(max_rows=25)
    cache.put("late", _answer(3, timed_out=True))
    cache.put("huge", _answer(30))
    assert cache.get("late") is None and cache.get("huge") is None and cache.rows == 0
    kept = _answer(2)
    cache.put("k", kept)
    copy = cache.get("k")
    copy.seconds = 9.0
    assert kept.seconds == 0.0 and not kept.cached and copy.rows == kept.rows
