"""Vietnamese alphabetical order for names (units, members): the one sort key every list uses.

Python's default order compares code points, so "Đắk Lắk" and "Đồng Nai" land after "Vĩnh
Long". PyICU (ICU's "vi" collation) has no wheel for this machine, so the order is built on
pyuca (the Unicode Collation Algorithm, DUCET) with the Vietnamese tailoring CLDR applies:
ă, â, đ, ê, ô, ơ, ư are letters of their own (a < ă < â < b … d < đ < e < ê …), tone marks
only break ties (ma < mà < má < mả < mã < mạ), then case and anything else by UCA.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import pyuca

__all__ = ["sort_key", "sorted_vi"]

T = TypeVar("T")

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {c: i for i, c in enumerate(_ALPHABET)}
# tone marks in the Vietnamese order of tones: ngang (none), huyền, sắc, hỏi, ngã, nặng
_DIGITS = re.compile(r"(\d+)")
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


@lru_cache(maxsize=1)
def _collator() -> pyuca.Collator:
    return pyuca.Collator()  # loads DUCET once (a few hundred ms)


def _split(text: str) -> tuple[str, tuple[int, ...]]:
    """The text without tone marks (letters like ơ kept whole), and the tone of each syllable."""
    base, tones = [], []
    for ch in unicodedata.normalize("NFD", text):
        tone = _TONES.get(ch)
        if tone is not None:
            tones.append(tone)
        else:
            if ch.isspace() or ch in "-–,.()":
                tones.append(0)
            base.append(ch)
    return unicodedata.normalize("NFC", "".join(base)), tuple(tones)


def _primary(base: str) -> tuple:
    """Letters by their rank in the Vietnamese alphabet; numbers first, by value; others by UCA."""
    out: list[tuple] = []
    for part in _DIGITS.split(base.casefold()):
        if part.isdecimal():  # a number as one value: "Chi đoàn 2" < "Chi đoàn 10"
            out.append((1, int(part)))
            continue
        out.extend(_letters(part))
    return tuple(out)


def _letters(part: str) -> list[tuple]:
    out: list[tuple] = []
    for ch in part:
        if ch in _RANK:
            out.append((2, _RANK[ch]))
        elif ch.isspace():
            out.append((0, 0))  # a word ends before any letter: "An Giang" < "Anh"
        elif ch.isalpha():
            out.append((3, *_collator().sort_key(ch)))
        # punctuation is ignored at the first level, as UCA's "shifted" option does
    return out


def sort_key(text: str | None) -> tuple:
    """A key that orders Vietnamese text as a Vietnamese reader expects (None and "" first)."""
    text = (text or "").strip()
    base, tones = _split(text)
    return (_primary(base), tones, _collator().sort_key(text))


def sorted_vi(items: Iterable[T], key: Callable[[T], str] | None = None, reverse: bool = False) -> list[T]:
    """`items` in Vietnamese alphabetical order of `key(item)` (the item itself when no key)."""
    get = key or (lambda x: x)  # type: ignore[assignment, return-value]
    return sorted(items, key=lambda x: sort_key(get(x)), reverse=reverse)
