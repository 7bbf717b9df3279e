"""CoNLL-style NER data: reading ``token TAG`` files, BIO spans and exact-match P/R/F1 scoring.

Used by the training script and the benchmark so both score the same way as the published ANERcorp numbers
(conlleval: an entity counts only if its type and both boundaries match; an ``I-X`` that does not continue an
``X`` entity starts a new one, as conlleval does with the IOB2 slips present in ANERcorp and AQMAR).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

Sentence = tuple[list[str], list[str]]
# ANERcorp has no article breaks; its ~316 articles average ~15 sentences, so evaluation tags blocks of that
# size as documents (the tagger uses document context).
DOC_SENTENCES = 15


def read_conll(path: Path, tag_map: Mapping[str, str] | None = None) -> list[Sentence]:
    """Read whitespace-separated ``token TAG`` lines with blank lines between sentences.

    ``tag_map`` renames entity types (AQMAR's ``PER`` → ANERcorp's ``PERS``); the first field is the token and
    the last the tag, a BOM and bidi marks around tokens are dropped.
    """
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.replace("\u200e", "").split()
        if not fields:
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(fields[0])
        tags.append(_rename(fields[-1], tag_map or {}))
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def pseudo_documents(sentences: Sequence[Sentence], size: int = DOC_SENTENCES) -> list[Sequence[Sentence]]:
    """Cut a corpus without article breaks into blocks of consecutive sentences standing in for documents."""
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]


def _rename(tag: str, tag_map: Mapping[str, str]) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    return f"{prefix}-{tag_map.get(kind, kind)}"


def bio_spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """Entity spans ``(type, start, end)`` (token indexes, end exclusive) from IOB2 labels (conlleval)."""
    spans: list[tuple[str, int, int]] = []
    kind, start = "", -1
    for i, label in enumerate([*labels, "O"]):
        prefix, _, this = label.partition("-")
        continues = prefix == "I" and this == kind
        if kind and not continues:
            spans.append((kind, start, i))
            kind = ""
        if prefix in ("B", "I") and not continues:
            kind, start = this, i
    return spans


@dataclass(frozen=True)
class Score:
    """Exact-match precision, recall and F1 (as percentages) with the counts behind them."""

    correct: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return 100.0 * self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, Score]:
    """Per-type and ``micro`` scores of predicted label sequences against gold ones (same sentence order)."""
    correct: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g_labels, p_labels in zip(gold, predicted, strict=True):
        g_spans, p_spans = set(bio_spans(g_labels)), set(bio_spans(p_labels))
        n_gold.update(s[0] for s in g_spans)
        n_pred.update(s[0] for s in p_spans)
        correct.update(s[0] for s in g_spans & p_spans)
    kinds = sorted(set(n_gold) | set(n_pred))
    scores = {k: Score(correct[k], n_pred[k], n_gold[k]) for k in kinds}
    scores["micro"] = Score(sum(correct.values()), sum(n_pred.values()), sum(n_gold.values()))
    return scores


def format_scores(title: str, scores: Mapping[str, Score]) -> str:
    """A small fixed-width table for logs and benchmark output."""
    lines = [f"{title}", f"  {'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for kind, s in scores.items():
        lines.append(f"  {kind:<6} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f} {s.gold:6d}")
    return "\n".join(lines)
