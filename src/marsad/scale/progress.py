"""How many inputs an ingest will read, when that can be known cheaply, for a progress bar and an ETA.

A folder of pages or text files holds one article per file; a WARC, JSON Lines file or feed holds an
unknown number, and so does a URL or standard input. Files are recognised by the reader's own
:func:`~marsad.read.sources.sniff` on their first bytes, so the count agrees with what ``read`` does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.read.sources import sniff

_HEAD = 4096
"""Bytes enough to tell a container (WARC, JSON Lines, feed, gzip) from a single page."""
_SINGLE = frozenset({"html", "text", "binary", "empty"})
"""Kinds that are exactly one item: one article, or one rejection."""


def count_inputs(sources: Iterable[str]) -> int | None:
    """The number of items ``sources`` will yield, or None when some source's count is not knowable."""
    total = 0
    for source in sources:
        path = Path(source)
        if source == "-" or "://" in source or not (path.is_dir() or path.is_file()):
            return None
        for file in _files(path):
            if not _is_single(file):
                return None
            total += 1
    return total


def _files(path: Path) -> Iterator[Path]:
    """Regular files under ``path`` as the reader walks them (hidden entries skipped)."""
    if path.is_file():
        yield path
        return
    for root, dirs, files in os.walk(path):  # symlinked folders are not followed: a loop must not hang
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        yield from (Path(root) / name for name in files if not name.startswith("."))


def _is_single(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
    except OSError:
        return True  # the reader rejects it: one item
    return sniff(head, path.name).kind in _SINGLE
