"""How well ``marsad.read.html.extract_html`` finds the article in a news page, and how fast.

Run: ``.venv/bin/python benchmarks/extraction.py`` (needs ``../shared/data/extraction``; skips without it).

**Scrapinghub article-extraction benchmark** (181 English-language pages with gold ``articleBody``).
Scored exactly as the benchmark's own ``evaluate.py`` does (read from the benchmark repository; the prose in
``SOURCE.md`` calls the tokens whitespace tokens and the averages micro, the code does otherwise):

* tokens are the matches of ``\\w+`` (Unicode) in the text, so punctuation and spacing do not count;
* per page, the gold and predicted texts become multisets of 4-token shingles (a text shorter than four
  tokens is one shorter shingle; no tokens, no shingle); TP/FP/FN are the multiset overlaps, then divided
  by TP+FP+FN so that long pages weigh no more than short ones;
* precision is the mean over pages with TP+FP > 0 of TP/(TP+FP), recall the mean over pages with
  TP+FN > 0 of TP/(TP+FN) (both 1 when FP = FN = 0, 0 when TP = 0); F1 is the harmonic mean of those two
  means (macro averages, not a mean of per-page F1);
* "accuracy" is the share of pages whose token list equals the gold one;
* ± is the standard deviation of each figure over 1,000 bootstrap resamples of the pages (seeded here).

A page the extractor refuses (``InputError``) counts as an empty prediction. The predicted text is the
paragraphs joined by newlines. For reference the table also scores plain ``trafilatura.extract`` as the
benchmark's own runner calls it.

**trafilatura-eval** (990 mostly European pages, optional, ``--skip-trafilatura-eval``): its own snippet
scheme: each "with" snippet found verbatim in the output is a true positive, missing a false negative; each
"without" snippet found is a false positive; precision, recall and F1 are micro over snippets. Expect a
lower recall than plain trafilatura there: ``favor_precision`` trades recall for precision on these mostly
non-news pages (soft hyphens, kept as published, cost one snippet). The same pages carry gold titles,
authors and dates, scored here too; the date table compares htmldate with and without ``extensive_search``.

Speed is pages per second over the extraction calls alone (single process); peak RSS is the process's
maximum resident set after the run. A last section times hostile pages (20 MB, 10,000 nested elements).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import statistics
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from htmldate import find_date
from trafilatura.utils import decode_file, load_html

from marsad.errors import InputError
from marsad.read.html import HtmlExtract, extract_html

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DATA = SHARED / "data" / "extraction"
SCRAPINGHUB = DATA / "scrapinghub-article-extraction-benchmark"
TRAFILATURA_EVAL = DATA / "trafilatura-eval" / "trafilatura-eval-html.tar.xz"

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_BOOTSTRAP = 1000
_FILLER = "the army said on monday that several people were killed in clashes near the border"

Counts = tuple[float, float, float]
"""Normalised (TP, FP, FN) of one page."""


# --- Scrapinghub metric -------------------------------------------------------------------------------


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    spans = range(max(1, len(tokens) - _SHINGLE + 1))
    return Counter(shingle for i in spans if (shingle := tuple(tokens[i : i + _SHINGLE])))


def shingle_counts(gold: str, predicted: str) -> Counts:
    """TP/FP/FN over 4-token shingles of one page, normalised to sum to 1."""
    true, pred = _shingles(gold), _shingles(predicted)
    tp, fp, fn = sum((true & pred).values()), sum((pred - true).values()), sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(hit: float, miss: float, other_miss: float) -> float:
    if miss == other_miss == 0:
        return 1.0
    return hit / (hit + miss) if hit else 0.0


def macro_scores(pages: list[Counts]) -> dict[str, float]:
    """The benchmark's precision, recall and F1: means over pages, F1 of the means."""
    precision = statistics.mean(_ratio(tp, fp, fn) for tp, fp, fn in pages if tp + fp > 0)
    recall = statistics.mean(_ratio(tp, fn, fp) for tp, fp, fn in pages if tp + fn > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def score_scrapinghub(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Scores plus bootstrap standard deviations, as the benchmark reports them."""
    keys = sorted(gold)
    pages = [shingle_counts(gold[k], predicted[k]) for k in keys]
    exact = [float(_TOKEN.findall(gold[k]) == _TOKEN.findall(predicted[k])) for k in keys]
    scores = {**macro_scores(pages), "accuracy": statistics.mean(exact)}
    rng = random.Random(0)
    samples: dict[str, list[float]] = {name: [] for name in scores}
    for _ in range(_BOOTSTRAP):
        picks = [rng.randrange(len(keys)) for _ in keys]
        resampled = {
            **macro_scores([pages[i] for i in picks]),
            "accuracy": statistics.mean(exact[i] for i in picks),
        }
        for name, value in resampled.items():
            samples[name].append(value)
    return scores | {f"{name}_std": statistics.stdev(values) for name, values in samples.items()}


# --- running extractors ----------------------------------------------------------------------------


@dataclass
class Run:
    texts: dict[str, str]
    extracts: dict[str, HtmlExtract | None]
    seconds: float
    refused: Counter[str]


def run_marsad(pages: Iterator[tuple[str, str, str]]) -> Run:
    """Extract every (key, url, html) page, timing the extractor calls only."""
    run = Run({}, {}, 0.0, Counter())
    for key, url, html in pages:
        start = time.perf_counter()
        try:
            extract: HtmlExtract | None = extract_html(html, url)
        except InputError as exc:
            extract = None
            run.refused[exc.code] += 1
        run.seconds += time.perf_counter() - start
        run.extracts[key] = extract
        run.texts[key] = "\n".join(extract.paragraphs) if extract else ""
    return run


def run_trafilatura(pages: Iterator[tuple[str, str, str]]) -> Run:
    """The benchmark's own trafilatura runner: ``extract(html, include_comments=False)``."""
    run = Run({}, {}, 0.0, Counter())
    for key, _url, html in pages:
        start = time.perf_counter()
        run.texts[key] = trafilatura.extract(html, include_comments=False) or ""
        run.seconds += time.perf_counter() - start
    return run


# --- Scrapinghub ------------------------------------------------------------------------------------


def scrapinghub_pages(truth: dict[str, dict[str, str]]) -> Iterator[tuple[str, str, str]]:
    for key, entry in sorted(truth.items()):
        with gzip.open(SCRAPINGHUB / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            yield key, entry["url"], f.read()


def report_scrapinghub() -> None:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {key: entry.get("articleBody", "") for key, entry in truth.items()}
    runs = {
        "marsad extract_html": run_marsad(scrapinghub_pages(truth)),
        "trafilatura.extract (reference)": run_trafilatura(scrapinghub_pages(truth)),
    }
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nScrapinghub article-extraction benchmark: {len(gold)} pages, metric of its evaluate.py")
    print(f"{'extractor':<34}{'precision':>16}{'recall':>16}{'F1':>16}{'accuracy':>16}{'pages/s':>9}")
    for name, run in runs.items():
        s = score_scrapinghub(gold, run.texts)
        cells = "".join(
            f"{s[m]:>9.3f} ± {s[m + '_std']:.3f}" for m in ("precision", "recall", "f1", "accuracy")
        )
        print(f"{name:<34}{cells}{len(gold) / run.seconds:>9.1f}")
    refused = runs["marsad extract_html"].refused
    print(f"refused by extract_html: {sum(refused.values())} {dict(refused) if refused else ''}")
    print(f"peak RSS after this section: {rss_mb:.0f} MB")


# --- trafilatura-eval -------------------------------------------------------------------------------


def _unpack(archive: Path, into: Path) -> dict[str, Path]:
    with tarfile.open(archive, "r:xz") as tar:
        tar.extractall(into, filter="data")
    return {unicodedata.normalize("NFC", p.name): p for p in into.rglob("*") if p.is_file()}


def _snippet_scores(annotations: dict[str, dict[str, object]], texts: dict[str, str]) -> tuple[float, ...]:
    tp = fn = fp = 0
    for url, entry in annotations.items():
        text = texts.get(url, "")
        wanted, unwanted = entry["with"], entry["without"]
        assert isinstance(wanted, list) and isinstance(unwanted, list)
        found = sum(1 for s in wanted if text and s in text)
        tp, fn, fp = tp + found, fn + len(wanted) - found, fp + sum(1 for s in unwanted if text and s in text)
    return tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)


def _same(found: object, gold: object) -> bool:
    """Equal up to runs of whitespace."""
    return isinstance(found, str) and isinstance(gold, str) and found.split() == gold.split()


def _metadata_table(
    annotations: dict[str, dict[str, object]], extracts: dict[str, HtmlExtract | None]
) -> None:
    for field in ("title", "author"):
        gold = {u: a[field] for u, a in annotations.items() if a.get(field)}
        hits = sum(1 for u, g in gold.items() if _same(getattr(extracts.get(u), field, None), g))
        print(f"{field:<8} exact match {hits}/{len(gold)} pages with a gold {field} ({hits / len(gold):.1%})")


def _date_table(
    annotations: dict[str, dict[str, object]],
    html: Callable[[str], str],
    extracts: dict[str, HtmlExtract | None],
) -> None:
    dated = {u: str(a["date"]) for u, a in annotations.items() if a.get("date")}
    print(f"publication date on {len(dated)} pages with a gold date:")
    print(f"  {'':<36}{'correct':>8}{'wrong':>8}{'none':>8}{'seconds':>9}")
    mine = Counter(_judge(_published(extracts.get(u)), gold) for u, gold in dated.items())
    _date_row("extract_html", mine, None)
    for extensive in (True, False):
        start, counts = time.perf_counter(), Counter[str]()
        for url, gold in dated.items():
            tree = load_html(html(url))
            found = (
                None
                if tree is None
                else find_date(tree, url=url, extensive_search=extensive, original_date=True)
            )
            counts[_judge(found, gold)] += 1
        _date_row(f"htmldate extensive_search={extensive}", counts, time.perf_counter() - start)


def _date_row(name: str, counts: Counter[str], seconds: float | None) -> None:
    took = f"{seconds:>9.1f}" if seconds is not None else ""
    print(f"  {name:<36}{counts['correct']:>8}{counts['wrong']:>8}{counts['none']:>8}{took}")


def _published(extract: HtmlExtract | None) -> str | None:
    return extract.published.isoformat() if extract and extract.published else None


def _judge(found: str | None, gold: str) -> str:
    return "none" if found is None else "correct" if found == gold else "wrong"


def report_trafilatura_eval() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = _unpack(TRAFILATURA_EVAL, Path(tmp))
        annotations: dict[str, dict[str, object]] = json.loads(
            files["evaldata.json"].read_text(encoding="utf-8")
        )

        def html(url: str) -> str:
            name = unicodedata.normalize("NFC", str(annotations[url]["file"]))
            return decode_file(files[name].read_bytes())

        pages = ((url, url, html(url)) for url in annotations)
        run = run_marsad(pages)
        reference = run_trafilatura((url, url, html(url)) for url in annotations)
        print(f"\ntrafilatura-eval: {len(annotations)} pages, must-contain / must-not-contain snippets")
        print(f"{'extractor':<34}{'precision':>10}{'recall':>10}{'F1':>10}{'pages/s':>9}")
        for name, r in (("marsad extract_html", run), ("trafilatura.extract (reference)", reference)):
            precision, recall, f1 = _snippet_scores(annotations, r.texts)
            print(
                f"{name:<34}{precision:>10.3f}{recall:>10.3f}{f1:>10.3f}{len(annotations) / r.seconds:>9.1f}"
            )
        print(
            f"refused by extract_html: {sum(run.refused.values())} {dict(run.refused) if run.refused else ''}"
        )
        _metadata_table(annotations, run.extracts)
        _date_table(annotations, html, run.extracts)


# --- hostile pages ----------------------------------------------------------------------------------


def report_stress() -> None:
    rng = random.Random(1)
    words = _FILLER.split()
    paragraphs = [f"<p>{' '.join(rng.choice(words) for _ in range(60))} ({i}).</p>\n" for i in range(60_000)]
    body = "".join(paragraphs[:8])
    cases = {
        "20 MB article": ("<html><body><article>" + "".join(paragraphs))[:20_000_000]
        + "</article></body></html>",
        "10,000 nested <div>": "<html><body>"
        + "<div>" * 10_000
        + body
        + "</div>" * 10_000
        + "</body></html>",
        "3,000 nested tables": "<html><body>"
        + "<table><tr><td>" * 3_000
        + body
        + "</td></tr></table>" * 3_000,
    }
    print("\nhostile pages")
    for name, page in cases.items():
        start = time.perf_counter()
        try:
            outcome = f"{len(extract_html(page, 'https://example.org/a').paragraphs)} paragraphs"
        except InputError as exc:
            outcome = f"InputError {exc.code}"
        took = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  {name:<22} {len(page) / 1e6:6.1f} M chars  {took:6.2f} s  {outcome:<16} peak RSS {rss:.0f} MB"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-trafilatura-eval", action="store_true", help="only the Scrapinghub benchmark")
    parser.add_argument("--skip-stress", action="store_true", help="do not time the hostile pages")
    args = parser.parse_args()
    if not SCRAPINGHUB.is_dir():
        print(f"skipped: {DATA} is missing (the benchmark data lives in ../shared beside the repository)")
        return 0
    report_scrapinghub()
    if not args.skip_trafilatura_eval and TRAFILATURA_EVAL.is_file():
        report_trafilatura_eval()
    if not args.skip_stress:
        report_stress()
    return 0


if __name__ == "__main__":
    sys.exit(main())
