"""Vietnamese text helpers shared by search and imports."""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Lower-case and strip diacritics so "Hà Nội" matches "ha noi".

    NFD leaves "đ" whole (it is a letter, not d + a mark), so it is mapped by hand.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D).lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())
