"""Read gzip files member by member, keeping everything before damage instead of raising.

Web archives are concatenations of gzip members (one per record), and downloads get cut off: a reader
must hand over every intact byte, then say where and why it stopped, so that one bad record costs one
record. The standard library's ``gzip`` raises and drops what it had buffered.
"""

from __future__ import annotations

import bisect
import io
import sys
import zlib
from dataclasses import dataclass
from typing import BinaryIO

MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class GzipDamage:
    """Where a gzip stream broke: the file offset of the damaged member, and a sentence saying why."""

    offset: int
    reason: str
    truncated: bool
    """The file ends inside a member (a cut-off download), as opposed to corrupt bytes."""


class GzipMembers(io.RawIOBase):
    """Decompress concatenated gzip members from ``start``, ending the stream at the first damage.

    Damage (a corrupt member, a member cut off by the end of the file, bytes that are not gzip) is not
    raised, so a reader downstream keeps everything before it; it is kept in ``failure`` for the caller,
    who may resume at a later member. Python's ``gzip`` module raises instead, after losing what it had
    buffered, and FastWARC's reader hides truncation altogether.
    """

    def __init__(self, raw: BinaryIO, start: int) -> None:
        super().__init__()
        raw.seek(start)
        self._raw = raw
        self._input = b""
        self._input_offset = start
        self._raw_done = False
        self._inflater = zlib.decompressobj(31)
        self._member_fed = False
        self._output = 0
        self._members: list[tuple[int, int]] = [(0, start)]
        self.failure: GzipDamage | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._output

    def member_at(self, position: int) -> tuple[int, int]:
        """For a decompressed ``position``: the file offset of the member holding it, and how far into
        that member's decompressed data it lies."""
        index = bisect.bisect_right(self._members, (position, sys.maxsize)) - 1
        member_output, member_offset = self._members[max(index, 0)]
        return member_offset, position - member_output

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` across member boundaries (members are often a few hundred bytes each)."""
        size = len(buffer)
        filled = 0
        while filled < size and (data := self._inflate(size - filled)):
            buffer[filled : filled + len(data)] = data
            filled += len(data)
        return filled

    def _inflate(self, size: int) -> bytes:
        """Up to ``size`` bytes of output, or ``b""`` at the end of the data or at the first damage."""
        while self.failure is None:
            if not self._input and not self._refill():
                if self._member_fed and not self._inflater.eof:
                    member = self._start_of_member()
                    reason = f"the file is truncated: it ends inside the gzip member at offset {member}"
                    self.failure = GzipDamage(member, reason, truncated=True)
                return b""
            if self._inflater.eof:
                self._new_member()
            try:
                data = self._inflater.decompress(self._input, size)
            except zlib.error as exc:
                member = self._start_of_member()
                reason = f"the gzip member at offset {member} is corrupt ({exc})"
                self.failure = GzipDamage(member, reason, truncated=False)
                return b""
            self._member_fed = True
            rest = self._inflater.unused_data if self._inflater.eof else self._inflater.unconsumed_tail
            self._input_offset += len(self._input) - len(rest)
            self._input = rest
            if data:
                self._output += len(data)
                return data
        return b""

    def _refill(self) -> bool:
        if self._raw_done:
            return False
        self._input = self._raw.read(_CHUNK)
        self._raw_done = not self._input
        return bool(self._input)

    def _new_member(self) -> None:
        self._inflater = zlib.decompressobj(31)
        self._member_fed = False
        self._members.append((self._output, self._input_offset))

    def _start_of_member(self) -> int:
        return self._members[-1][1]


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress all members of ``data``; raise ``ValueError`` if it is damaged or inflates past ``limit``
    bytes (a decompression bomb is refused before it fills memory)."""
    members = GzipMembers(io.BytesIO(data), 0)
    out = io.BufferedReader(members).read(limit + 1)
    if members.failure is not None:
        raise ValueError(members.failure.reason)
    if len(out) > limit:
        raise ValueError(f"it decompresses to more than {limit:,} bytes")
    return out
