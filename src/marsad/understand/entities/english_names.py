"""Names in English text found by capitalisation, for the languages the NER model does not cover.

No openly licensed English NER corpus ships here (CoNLL-2003 is excluded by its licence), so English
names are runs of capitalised words: a run that ends in an organisation word ("… Ministry", "… Forces") is
an organisation; a run of two to four name words after a title or a speech verb, or next to one
("spokesman Turki al-Maliki", "…, said Ali Hassan"), is a person. Places and actors the lexicons know are
linked by their own stages, which take precedence over these mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.document import Mention
from marsad.resources import load_yaml

_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_MAX_GAP = 1
"""Characters allowed between two words of one name (a space)."""


@dataclass(frozen=True)
class _Lists:
    particles: frozenset[str]
    org_heads: frozenset[str]
    org_starts: frozenset[str]
    not_names: frozenset[str]
    person_cues: frozenset[str]


@cache
def _lists() -> _Lists:
    data = load_yaml("marsad.understand.entities", "english_names.yaml")
    return _Lists(
        **{key: frozenset(str(w).lower() for w in data[key]) for key in _Lists.__dataclass_fields__}
    )


def find_english_names(text: str) -> list[Mention]:
    """``PERS`` and ``ORG`` mentions among the capitalised runs of ``text``."""
    lists = _lists()
    words = list(_WORD.finditer(text))
    found: list[Mention] = []
    i = 0
    while i < len(words):
        end = _run_end(text, words, i, lists)
        if end == i:
            i += 1
            continue
        mention = _classify(text, words, i, end, lists)
        if mention is not None:
            found.append(mention)
        i = end
    return found


def _is_name_word(word: str, lists: _Lists) -> bool:
    return word[0].isupper() and word.lower() not in lists.not_names


def _run_end(text: str, words: list[re.Match[str]], i: int, lists: _Lists) -> int:
    """Index after the capitalised run starting at word ``i`` (``i`` itself when no run starts there)."""
    if not _is_name_word(words[i].group(), lists):
        return i
    end = i + 1
    while end < len(words) and words[end].start() - words[end - 1].end() <= _MAX_GAP:
        word = words[end].group()
        if _is_name_word(word, lists) or word.lower().split("-")[0] in lists.particles:
            end += 1
        else:
            break
    while end > i + 1 and words[end - 1].group().lower() in lists.particles:
        end -= 1
    return end


def _classify(text: str, words: list[re.Match[str]], i: int, end: int, lists: _Lists) -> Mention | None:
    start_at, end_at = words[i].start(), words[end - 1].end()
    names = [w.group().lower() for w in words[i:end]]
    span = text[start_at:end_at]
    if names[-1] in lists.org_heads or names[0] in lists.org_starts:
        return Mention(start_at, end_at, span, "ORG", "english_names")
    before = words[i - 1].group().lower() if i > 0 else ""
    after = words[end].group().lower() if end < len(words) else ""
    cued = before in lists.person_cues or after in ("said", "says", "told", "added")
    if 2 <= end - i <= 4 and cued:
        return Mention(start_at, end_at, span, "PERS", "english_names")
    return None
