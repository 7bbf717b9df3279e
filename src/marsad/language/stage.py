"""The language stage: the language of each paragraph, and of the document as a whole.

Per-paragraph languages matter because Arabic articles quote English statements and English articles
quote Arabic ones; the document's language is the one most of its text is written in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from marsad.document import Document
from marsad.language.detect import detect_paragraph_languages


class LanguageStage:
    """Detects languages; ``forced`` (the user's ``--lang``) overrides the document's language."""

    name = "language"
    version = "1"
    requires = frozenset({"text", "paragraphs"})
    assigns = frozenset({"language"})

    def __init__(self, forced: str | None = None) -> None:
        self.forced = forced

    def __call__(self, doc: Document) -> Document:
        spans = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(doc.text))]
        guesses = detect_paragraph_languages(doc.text, spans)
        doc.paragraphs = [replace(p, language=g.code) for p, g in zip(doc.paragraphs, guesses, strict=False)]
        weight: Counter[str] = Counter()
        for (start, end), guess in zip(spans, guesses, strict=True):
            if guess.code != "und":
                weight[guess.code] += end - start
        doc.language = self.forced or (weight.most_common(1)[0][0] if weight else "und")
        return doc
