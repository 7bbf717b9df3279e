"""Tell page furniture (menus, share buttons, comment forms, "Back to top") from the article.

The rules are general and the phrases are data (``read/data/furniture.yaml``): a line is furniture when
it is a known furniture phrase, starts with one, or is a menu of short items; at the edges of a page,
short lines that are not sentences (a section name before the headline, a site name after the body)
are furniture too. Mid-body, only the lexicon removes lines, so an article's sub-headings stay.
"""

from __future__ import annotations

import re

from marsad.language.normalize import normalize_arabic
from marsad.read.lexicon import furniture, match_key

_TERMINAL = re.compile(r"[.!?؟…:\"”»'’)\]]\s*$")
_WORD = re.compile(r"\w+")


def word_count(line: str) -> int:
    return len(_WORD.findall(line))


def is_sentence(line: str) -> bool:
    """Ends like a sentence, or is long enough that it can only be prose."""
    return bool(_TERMINAL.search(line)) or word_count(line) >= 12


def is_furniture(line: str) -> bool:
    """A known furniture phrase, a line that starts with one, or a menu/breadcrumb."""
    lex = furniture()
    key = match_key(line)
    if not key:
        return True
    if key in lex.exact:
        return True
    lowered = normalize_arabic(line).strip()
    if any(lowered.startswith(prefix) for prefix in lex.prefixes):
        return True
    return _is_menu(line, lex.menu_separators)


def _is_menu(line: str, separators: tuple[str, ...]) -> bool:
    for sep in separators:
        parts = [p.strip() for p in line.split(f" {sep} ")] if sep in "-–/" else line.split(sep)
        items = [p for p in (x.strip() for x in parts) if p]
        if len(items) >= 3 and all(word_count(item) <= 3 for item in items):
            return True
    return False


def is_edge_furniture(line: str) -> bool:
    """At the top or bottom of a page: furniture, or a short line that is not a sentence."""
    return is_furniture(line) or (word_count(line) < 6 and not is_sentence(line))


def trim_furniture(paragraphs: list[str]) -> list[str]:
    """Drop furniture at both edges and known furniture phrases in between."""
    start, end = 0, len(paragraphs)
    while start < end and is_edge_furniture(paragraphs[start]):
        start += 1
    while end > start and is_edge_furniture(paragraphs[end - 1]):
        end -= 1
    return drop_furniture(paragraphs[start:end])


def drop_furniture(paragraphs: list[str]) -> list[str]:
    """Drop known furniture phrases and menus wherever they are."""
    return [p for p in paragraphs if not is_furniture(p)]
