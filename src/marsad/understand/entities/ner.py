"""Named-entity tagging: a CRF over hand-built features, trained on ANERcorp (see ``data/SOURCE.md``).

The tagger labels tokens (as produced by :func:`marsad.language.tokenize.tokenize`) with IOB2 labels over
``PERS``, ``LOC``, ``ORG`` and ``MISC``. It runs two CRFs: the first tags every sentence of a document, the
second re-tags them knowing what the first decided elsewhere in the document (so a surname mentioned bare
after its full name is still a person). Models are loaded once, lazily, because loading costs far more than
tagging one document and most processes tag many documents.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from marsad.errors import ResourceError
from marsad.understand.entities.features import Gazetteer, entity_memory, sentence_features

DATA = Path(__file__).resolve().parent / "data"
PASS1_NAME = "ner_ar.pass1.crfsuite"
MODEL_NAME = "ner_ar.crfsuite"
GAZETTEER_NAME = "ner_gazetteer_ar.tsv.gz"
# Languages with a shipped model. English has none yet (no openly licensed English NER training data here).
_MODELS = {"ar": (DATA / PASS1_NAME, DATA / MODEL_NAME, DATA / GAZETTEER_NAME)}
_taggers: dict[str, NerTagger] = {}
_lock = threading.Lock()


class NerTagger:
    """The two loaded CRF passes plus the gazetteer their features were trained with."""

    def __init__(self, pass1_path: Path, pass2_path: Path, gazetteer_path: Path) -> None:
        try:
            self._gazetteer = Gazetteer.load(gazetteer_path)
            self._pass1 = _open(pass1_path)
            self._pass2 = _open(pass2_path)
        except (OSError, ValueError) as exc:
            raise ResourceError(
                f"cannot load NER model: {exc}; rebuild it with scripts/train_ner.py"
            ) from exc
        self._tag_lock = threading.Lock()

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 labels (``B-PERS``, ``I-LOC``, ``O``...) for one sentence's tokens, taken on its own."""
        return self.tag_document([tokens])[0]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 labels for every sentence of one document; better than tagging its sentences one by one."""
        with self._tag_lock:  # a crfsuite Tagger holds per-call state
            first = [_run(self._pass1, sentence_features(s, self._gazetteer)) for s in sentences]
            memory = entity_memory(sentences, first)
            return [_run(self._pass2, sentence_features(s, self._gazetteer, memory)) for s in sentences]


def _open(path: Path) -> pycrfsuite.Tagger:
    if not path.is_file():
        raise OSError(f"{path} is missing")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _run(tagger: pycrfsuite.Tagger, items: list[list[str]]) -> list[str]:
    labels: list[str] = tagger.tag(items) if items else []
    return labels


def get_tagger(lang: str) -> NerTagger | None:
    """The tagger for ``lang`` (ISO 639-1), loaded on first use; ``None`` when no model ships for it."""
    paths = _MODELS.get(lang)
    if paths is None:
        return None
    with _lock:
        if lang not in _taggers:
            _taggers[lang] = NerTagger(*paths)
        return _taggers[lang]
