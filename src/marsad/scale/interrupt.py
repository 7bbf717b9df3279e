"""Ctrl-C that ends a long ingest between batches, so what is done is committed and the run can resume.

The first SIGINT only raises a flag that the ingest loop reads after each batch; a second one restores
Python's default behaviour (``KeyboardInterrupt`` at once), for a user who really wants out. Signal
handlers can only be installed from the main thread; elsewhere the flag simply never rises and a
``KeyboardInterrupt`` is handled by the caller.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class StopFlag:
    """Set once the user asked to stop; the loop finishes its batch, commits it and returns."""

    def __init__(self) -> None:
        self.requested = False

    def request(self) -> None:
        self.requested = True


@contextmanager
def stop_on_interrupt() -> Iterator[StopFlag]:
    """A :class:`StopFlag` that the first Ctrl-C raises while the block runs; then the old handler is back."""
    flag = StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def first_press(_signum: int, _frame: FrameType | None) -> None:
        flag.request()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, first_press)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def children_ignore_interrupt() -> Iterator[None]:
    """Processes started inside the block ignore Ctrl-C (an ignored signal is inherited, a handler is not).

    A terminal sends Ctrl-C to every process of the job; worker processes should not each die with a
    traceback, but be stopped by the parent, which handles Ctrl-C itself.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
