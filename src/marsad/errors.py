"""Marsad's exception hierarchy, in one place so users can catch and search them.

    MarsadError                 base class; every error carries a stable ``code``
    ├── InputError              one input cannot be read (its batch carries on; the input is quarantined)
    ├── ResourceError           a shipped resource (lexicon, gazetteer, model) is missing or broken
    ├── StageError              a pipeline stage failed, or the pipeline is mis-assembled
    └── StoreError              the database cannot be opened or written

Codes look like ``[I003]`` so a user can search for them in the docs and issues.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base class: a message for people plus a stable code for searching."""

    code = "M000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        self.code = code or self.code
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class InputError(MarsadError):
    """An input (file, URL, archive record) cannot become a document.

    ``source`` names the input so quarantine lists and error messages say which one failed.
    """

    code = "I000"

    def __init__(self, source: str, message: str, *, code: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}", code=code)
        self.reason = message


class ResourceError(MarsadError):
    """A shipped resource cannot be loaded; reinstalling or rebuilding it (see scripts/) fixes it."""

    code = "R000"


class StageError(MarsadError):
    """A stage is misconfigured, or the pipeline's requires/assigns chain is broken."""

    code = "S000"


class StoreError(MarsadError):
    """The store cannot be opened or written."""

    code = "D000"
