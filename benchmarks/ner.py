"""Benchmark the shipped Arabic NER model: accuracy on ANERcorp test and AQMAR test, speed, load time, memory.

    .venv/bin/python benchmarks/ner.py

Scores are CoNLL exact span match (type and both boundaries), per type and micro-averaged, like published
ANERcorp figures. ANERcorp test is in-domain newswire; AQMAR (Arabic Wikipedia, ``PER`` mapped to ``PERS``)
is out of domain and its MISC class follows per-article definitions, so expect much lower figures there.
Both corpora have no article breaks: blocks of consecutive sentences stand in for documents.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from marsad.understand.entities.conll import Sentence, format_scores, pseudo_documents, read_conll, score
from marsad.understand.entities.ner import NerTagger, get_tagger

NER_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ner"
CORPORA = {
    "ANERcorp test": (NER_DATA / "anercorp" / "ANERcorp_marsad_test.txt", {}),
    "AQMAR test": (NER_DATA / "aqmar" / "aqmar_test.4class.conll", {"PER": "PERS"}),
}


def rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(title: str, sentences: list[Sentence], tagger: NerTagger) -> None:
    started = time.perf_counter()
    predicted = [
        labels for doc in pseudo_documents(sentences) for labels in tagger.tag_document([t for t, _ in doc])
    ]
    elapsed = time.perf_counter() - started
    n_tokens = sum(len(tokens) for tokens, _ in sentences)
    print(
        format_scores(
            f"{title} ({len(sentences)} sentences, {n_tokens} tokens)",
            score([g for _, g in sentences], predicted),
        )
    )
    print(f"  speed: {n_tokens / elapsed:,.0f} tokens/s (two CRF passes, one core)\n")


def main() -> int:
    if not NER_DATA.is_dir():
        print(f"skipped: {NER_DATA} not found (the corpora live in ../shared beside the repository)")
        return 0
    before = rss_mib()
    started = time.perf_counter()
    tagger = get_tagger("ar")
    assert tagger is not None
    print(f"load: {time.perf_counter() - started:.2f}s, peak RSS +{rss_mib() - before:.0f} MiB\n")
    for title, (path, tag_map) in CORPORA.items():
        run(title, read_conll(path, tag_map), tagger)
    print(f"peak RSS: {rss_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
