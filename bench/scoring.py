"""Bag-of-tokens F1 between an extracted text and a ground-truth text.

The spec (shared with the steering repo's scorer): NFKC-normalise, casefold,
then take maximal runs of letters and digits as tokens, except that every
Han, Hiragana or Katakana character is a token of its own (those scripts do
not separate words with spaces). Precision and recall are over multisets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# Han (CJK radicals, ideographs, extensions, compatibility), Hiragana, Katakana.
_CJK = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff"
)
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+")


def tokens(text: str) -> list[str]:
    """The scorer's tokens of ``text``, in order."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one page."""

    precision: float
    recall: float
    f1: float


def score(predicted: str, truth: str) -> Score:
    """Multiset token precision/recall/F1; an empty side scores 0."""
    pred = Counter(tokens(predicted))
    gold = Counter(tokens(truth))
    if not pred or not gold:
        return Score(0.0, 0.0, 0.0)
    common = sum((pred & gold).values())
    if common == 0:
        return Score(0.0, 0.0, 0.0)
    precision = common / sum(pred.values())
    recall = common / sum(gold.values())
    return Score(precision, recall, 2 * precision * recall / (precision + recall))


def f1(predicted: str, truth: str) -> float:
    """Just the F1 of :func:`score`."""
    return score(predicted, truth).f1
