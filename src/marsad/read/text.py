"""Plain-text page dumps: find the headline and the body among the page's lines.

A dump of a news page (what "select all, copy" or a text-mode browser gives) has the article between
lines of furniture: a section name, the headline, perhaps a dateline line, the paragraphs, then "Related
Articles", a comment form, "Back to top". Each non-empty line is a paragraph, except hard-wrapped blocks
(lines cut at a fixed width), which are joined back into one paragraph with their line breaks kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.read.furniture import is_edge_furniture, is_furniture, is_sentence, word_count

_MAX_TITLE_WORDS = 40
_MIN_TITLE_WORDS = 3


@dataclass(frozen=True, slots=True)
class PageDump:
    title: str | None
    paragraphs: list[str]


def split_lines_into_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: blank-line-separated blocks, one per line unless the block is hard-wrapped."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            block.append(line.strip())
            continue
        if block:
            paragraphs.extend(["\n".join(block)] if _hard_wrapped(block) else block)
            block = []
    return paragraphs


def _hard_wrapped(block: list[str]) -> bool:
    """Lines of similar width that mostly break mid-sentence were wrapped by a tool, not by the author."""
    if len(block) < 3:
        return False
    body = block[:-1]
    widths = [len(line) for line in body]
    unterminated = sum(1 for line in body if not is_sentence(line) or word_count(line) < 12)
    return min(widths) >= 40 and max(widths) - min(widths) <= 30 and unterminated >= 0.6 * len(body)


def _is_headline(line: str) -> bool:
    words = word_count(line)
    return _MIN_TITLE_WORDS <= words <= _MAX_TITLE_WORDS and not is_furniture(line)


def split_page_dump(text: str, *, title: str | None = None) -> PageDump:
    """Headline and body paragraphs of a page dump; ``title`` is a headline known from elsewhere."""
    lines = split_lines_into_paragraphs(text)
    start = 0
    while start < len(lines) and is_edge_furniture(lines[start]) and not _is_headline(lines[start]):
        start += 1
    if title is None and start < len(lines) and _is_headline(lines[start]) and not _is_prose(lines[start]):
        title = lines[start]
        start += 1
    elif title is not None and start < len(lines) and lines[start].strip() == title.strip():
        start += 1
    return PageDump(title=title, paragraphs=lines[start:])


def _is_prose(line: str) -> bool:
    """A first line that reads as a paragraph of the story rather than as a headline."""
    return line.rstrip().endswith((".", "؟", "?", "!", ":")) and word_count(line) > 15
