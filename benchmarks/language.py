"""Language identification on short paragraphs: which detector should Marsad use?

Measures, for each candidate, accuracy per language and paragraph length (5-9, 10-19, 20-30 words),
throughput (paragraphs per second, one thread) and memory (resident-set growth for loading the model and
running the whole set, each candidate in a fresh process), then names the default: the best score among the
candidates that handle thousands of paragraphs per second in under 200 MB.

Paragraphs are cut from open data:

* ``ar``  ANERcorp (Arabic newswire, CC BY-SA 4.0) from ``../shared/data/ner/anercorp``;
* ``en``  article bodies of the Scrapinghub extraction benchmark (``ground-truth.json``);
* ``fr``, ``de``  trafilatura's evaluation pages from ``.fr``/``.de`` sites (article text extracted with
  trafilatura; a page is kept when its function words say it is in that language);
* ``fa``, ``tr``, ``he``, ``ur``, ``ckb``, ``ps``  negatives in neighbouring languages: translated messages of
  the Debian gettext catalogues under ``/usr/share/locale`` (user-interface sentences, not news; a language
  with fewer than 50 paragraphs on the machine is left out);
* ``ar~fa-letters``  the Arabic set with Persian yeh/keheh (ی ک) substituted, as copy-pasted text has them;
* ``ar+latin``  Arabic paragraphs with an English name inserted; ``en+arabic``  English paragraphs with an
  Arabic name (from ANERcorp's entities) inserted: the paragraph's language must not change.

Usage::

    .venv/bin/python benchmarks/language.py [--per-bucket 200] [--shared ../shared] [--only NAME,...]

Candidates are ``raw:BACKEND`` (the model alone, dialect labels folded) and ``marsad:BACKEND`` (the script
rules of ``marsad.language.detect`` in front of the model).
"""

from __future__ import annotations

import argparse
import gettext
import json
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[1]
BUCKETS = ((5, 9), (10, 19), (20, 30))
LOCALE_DIR = Path("/usr/share/locale")
# gettext languages and the script their translations must be written in (untranslated English is skipped).
GETTEXT_LANGUAGES = {
    "fa": "[\u0600-\u06ff]",
    "ur": "[\u0600-\u06ff]",
    "ckb": "[\u0600-\u06ff]",
    "ps": "[\u0600-\u06ff]",
    "he": "[\u0590-\u05ff]",
    "tr": "[a-zçğıöşü]",
}
MIN_SET = 50
MIN_PER_S = 2000
MAX_RSS_MB = 200
# Catalogues of place and language names (iso-codes) are lists of names, not sentences.
_NAME_CATALOGUE = re.compile(r"^iso_|^tzdata|^countries")
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-+ #0-9.]*[a-zA-Z]|\{[^}]*\}|\$\{?\w+\}?|<[^>]+>|[_&](?=\w)")
Sample = dict[str, Any]


# --- the measurement set --------------------------------------------------------------------------------


def _windows(words: list[str], rng: random.Random, label: str, source: str) -> Iterator[Sample]:
    """Consecutive paragraphs of random length (5-30 words) cut from one running text."""
    i = 0
    while True:
        low, high = rng.choice(BUCKETS)
        n = rng.randint(low, high)
        if i + n > len(words):
            return
        yield {"text": " ".join(words[i : i + n]), "label": label, "set": source, "words": n}
        i += n


def _anercorp(shared: Path) -> tuple[list[list[str]], list[str]]:
    """Sentences of ANERcorp (tokens) and its multi-word entity names."""
    sentences: list[list[str]] = []
    names: list[str] = []
    current: list[str] = []
    entity: list[str] = []
    for name in ("ANERcorp_marsad_test.txt", "ANERcorp_marsad_train.txt"):
        for line in (shared / "data/ner/anercorp" / name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) != 2:
                if current:
                    sentences.append(current)
                current = []
                continue
            token, tag = parts
            current.append(token)
            if tag.startswith("B-"):
                entity = [token]
            elif tag.startswith("I-") and entity:
                entity.append(token)
            else:
                if len(entity) > 1:
                    names.append(" ".join(entity))
                entity = []
    return sentences, names


# Function words that label a whole page (hundreds of words) reliably, without a language detector.
FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "is", "that", "with", "for", "was", "are"},
    "fr": {"le", "la", "les", "des", "est", "et", "une", "du", "que", "dans"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "sich"},
}


def _page_language(words: list[str]) -> str | None:
    """The language whose function words are most frequent, if they make up a typical share of the page."""
    lowered = [w.lower() for w in words]
    shares = {
        lang: sum(w in fw for w in lowered) / max(1, len(lowered)) for lang, fw in FUNCTION_WORDS.items()
    }
    lang, share = max(shares.items(), key=lambda item: item[1])
    return lang if share >= 0.08 else None


def _english(shared: Path) -> list[str]:
    path = shared / "data/extraction/scrapinghub-article-extraction-benchmark/ground-truth.json"
    pages = [page["articleBody"].split() for page in json.loads(path.read_text()).values()]
    return [w for words in pages if _page_language(words) == "en" for w in words]


def _trafilatura_pages(shared: Path, tlds: tuple[str, ...]) -> dict[str, list[str]]:
    """Article words of trafilatura's evaluation pages per top-level domain."""
    import trafilatura

    folder = shared / "data/extraction/trafilatura-eval"
    evaldata = json.loads((folder / "evaldata.json").read_text())
    wanted = {
        "eval/" + entry["file"]
        for url, entry in evaldata.items()
        if (urlsplit(url).hostname or "").rsplit(".", 1)[-1] in tlds
    }
    words: dict[str, list[str]] = defaultdict(list)
    with tarfile.open(folder / "trafilatura-eval-html.tar.xz") as tar:
        for member in tar:
            if member.name in wanted and (handle := tar.extractfile(member)) is not None:
                page = (trafilatura.extract(handle.read().decode("utf-8", "replace")) or "").split()
                if (lang := _page_language(page)) in tlds:
                    words[lang] += page
    return words


def _gettext_words(language: str, script: re.Pattern[str]) -> list[str]:
    """Translated messages of the machine's gettext catalogues, placeholders and accelerators removed."""
    words: list[str] = []
    for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.mo")):
        if _NAME_CATALOGUE.search(path.name):
            continue
        try:
            with path.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except (OSError, UnicodeDecodeError):
            continue
        for key, message in catalog.items():
            if not key or not isinstance(message, str) or message == key:
                continue
            text = _PLACEHOLDER.sub(" ", message)
            letters = [c for c in text.lower() if c.isalpha()]
            if letters and sum(bool(script.match(c)) for c in letters) >= 0.8 * len(letters):
                words += text.split()
    return words


def build_set(shared: Path, per_bucket: int, seed: int = 13) -> list[Sample]:
    rng = random.Random(seed)
    sentences, names = _anercorp(shared)
    arabic = [w for s in sentences for w in s]
    english = _english(shared)
    pools: dict[str, Iterator[Sample]] = {
        "ar": _windows(arabic, rng, "ar", "ar"),
        "en": _windows(english, rng, "en", "en"),
    }
    for tld, words in _trafilatura_pages(shared, ("fr", "de")).items():
        pools[tld] = _windows(words, rng, tld, tld)
    for language, script in GETTEXT_LANGUAGES.items():
        pools[language] = _windows(_gettext_words(language, re.compile(script)), rng, language, language)
    filled = (_fill(pool, per_bucket) for pool in pools.values())
    samples = [s for kept in filled if len(kept) >= MIN_SET for s in kept]
    samples += _variants(samples, names, english, rng)
    return samples


def _fill(pool: Iterator[Sample], per_bucket: int) -> list[Sample]:
    """Up to ``per_bucket`` paragraphs of each length bucket from one pool."""
    kept: dict[tuple[int, int], list[Sample]] = defaultdict(list)
    for sample in pool:
        bucket = _bucket(sample["words"])
        if len(kept[bucket]) < per_bucket:
            kept[bucket].append(sample)
        if all(len(kept[b]) >= per_bucket for b in BUCKETS):
            break
    return [s for b in BUCKETS for s in kept[b]]


def _variants(
    samples: list[Sample], names: list[str], english: list[str], rng: random.Random
) -> list[Sample]:
    """Robustness sets: Persian letters in Arabic, and names in the other script (see module docstring)."""
    persian = str.maketrans({"ي": "ی", "ك": "ک"})
    latin_names = [w for w in english if w[:1].isupper() and w.isalpha() and len(w) > 3]
    out = []
    for s in samples:
        words = s["text"].split()
        position = rng.randint(0, len(words))
        if s["label"] == "ar":
            out.append({**s, "text": s["text"].translate(persian), "set": "ar~fa-letters"})
            mixed = [*words[:position], rng.choice(latin_names), *words[position:]]
            out.append({**s, "text": " ".join(mixed), "set": "ar+latin"})
        elif s["label"] == "en":
            mixed = [*words[:position], rng.choice(names), *words[position:]]
            out.append({**s, "text": " ".join(mixed), "set": "en+arabic"})
    return out


def _bucket(words: int) -> tuple[int, int]:
    return next(b for b in BUCKETS if b[0] <= words <= b[1])


# --- the candidates -------------------------------------------------------------------------------------


def _aliases() -> dict[str, str]:
    path = resources.files("marsad.language").joinpath("data", "language_id.yaml")
    return {str(k): str(v) for k, v in yaml.safe_load(path.read_text(encoding="utf-8"))["aliases"].items()}


def _py3langid() -> Callable[[str], list[tuple[str, float]]]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: [(str(lang), float(p)) for lang, p in identifier.rank(text)[:3]]


def _lingua(low_accuracy: bool) -> Callable[[str], list[tuple[str, float]]]:
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_all_languages()
    detector = (builder.with_low_accuracy_mode() if low_accuracy else builder).build()

    def classify(text: str) -> list[tuple[str, float]]:
        values = detector.compute_language_confidence_values(text)[:3]
        return [(v.language.iso_code_639_1.name.lower(), v.value) for v in values]

    return classify


def _fasttext() -> Callable[[str], list[tuple[str, float]]]:
    from marsad.language.detect import fasttext_classifier

    return fasttext_classifier()


BACKENDS: dict[str, Callable[[], Callable[[str], list[tuple[str, float]]]]] = {
    "py3langid": _py3langid,
    "fasttext-lite": _fasttext,
    "lingua-high": lambda: _lingua(low_accuracy=False),
    "lingua-low": lambda: _lingua(low_accuracy=True),
}


def _candidate(name: str) -> Callable[[str], str]:
    """A function from paragraph to language code for a candidate named ``raw:…`` or ``marsad:…``."""
    kind, backend = name.split(":")
    classify = BACKENDS[backend]()
    if kind == "marsad":
        from marsad.language.detect import LanguageDetector

        detector = LanguageDetector(classify)
        return lambda text: detector.detect(text).code
    aliases = _aliases()

    def top(text: str) -> str:
        ranked = classify(" ".join(text.split()))
        return aliases.get(ranked[0][0], ranked[0][0]) if ranked else "und"

    return top


CANDIDATES = [f"{kind}:{backend}" for backend in BACKENDS for kind in ("raw", "marsad")]


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 1e6


def run_one(name: str, data_path: Path) -> dict[str, Any]:
    """Load one candidate in this (fresh) process and run it over the set."""
    samples = json.loads(data_path.read_text())
    before = _rss_mb()
    started = time.perf_counter()
    predict = _candidate(name)
    predict("warm up")
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    predictions = [predict(s["text"]) for s in samples]
    run_s = time.perf_counter() - started
    return {
        "name": name,
        "predictions": predictions,
        "load_s": load_s,
        "per_s": len(samples) / run_s,
        "rss_mb": _rss_mb() - before,
    }


# --- report ---------------------------------------------------------------------------------------------


def _accuracy(samples: list[Sample], predictions: list[str]) -> dict[tuple[str, str], float]:
    """Share of correct answers per (set, length bucket) and per (set, "all")."""
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for sample, predicted in zip(samples, predictions, strict=True):
        low, high = _bucket(sample["words"])
        for key in ((sample["set"], f"{low}-{high}"), (sample["set"], "all")):
            table[key][0] += predicted == sample["label"]
            table[key][1] += 1
    return {key: right / total for key, (right, total) in table.items()}


def _sets(samples: list[Sample]) -> list[str]:
    return list(dict.fromkeys(s["set"] for s in samples))


def _score(samples: list[Sample], result: dict[str, Any]) -> float:
    """0.8 × mean accuracy over the Arabic and English sets (mixed and variant sets included, each weighing
    the same) + 0.2 × mean accuracy over the other languages: Marsad reads Arabic and English, and must only
    recognise the rest as "not ours"."""
    accuracy = _accuracy(samples, result["predictions"])
    ours = [k for k in _sets(samples) if k.startswith(("ar", "en"))]
    others = [k for k in _sets(samples) if k not in ours]

    def mean(keys: list[str]) -> float:
        return sum(accuracy[(k, "all")] for k in keys) / max(1, len(keys))

    return 0.8 * mean(ours) + 0.2 * mean(others)


def report(samples: list[Sample], results: list[dict[str, Any]]) -> str:
    columns = [f"{low}-{high}" for low, high in BUCKETS] + ["all"]
    sizes: defaultdict[str, int] = defaultdict(int)
    for sample in samples:
        sizes[sample["set"]] += 1
    lines = [
        "Accuracy (% correct) per set and paragraph length in words",
        "paragraphs per set: " + ", ".join(f"{k}={n}" for k, n in sizes.items()),
    ]
    for result in results:
        accuracy = _accuracy(samples, result["predictions"])
        lines += ["", f"## {result['name']}", f"{'set':<15}" + "".join(f"{c:>8}" for c in columns)]
        for key in _sets(samples):
            cells = (accuracy.get((key, c)) for c in columns)
            lines.append(
                f"{key:<15}" + "".join(f"{'-':>8}" if a is None else f"{100 * a:8.1f}" for a in cells)
            )
        lines.append(
            f"load {result['load_s']:.2f} s, {result['per_s']:,.0f} paragraphs/s, "
            f"+{result['rss_mb']:.0f} MB resident"
        )
    return "\n".join([*lines, "", _choose(samples, results)])


def _choose(samples: list[Sample], results: list[dict[str, Any]]) -> str:
    """The best score among candidates fast and small enough for batches of thousands of articles."""
    ranked = sorted(results, key=lambda r: _score(samples, r), reverse=True)
    table = ", ".join(f"{r['name']} {100 * _score(samples, r):.1f}" for r in ranked)
    eligible = [r for r in ranked if r["per_s"] >= MIN_PER_S and r["rss_mb"] <= MAX_RSS_MB]
    chosen = eligible[0]["name"] if eligible else "none is fast and small enough"
    return f"score (0.8 x Arabic/English sets + 0.2 x other languages): {table}\nchosen: {chosen}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared")
    parser.add_argument("--per-bucket", type=int, default=200)
    parser.add_argument("--only", default=",".join(CANDIDATES))
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run, args.data)))
        return
    if not (args.shared / "data").is_dir():
        sys.exit(f"shared data not found at {args.shared}: pass --shared")
    samples = build_set(args.shared, args.per_bucket)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(samples, handle)
    results = []
    for name in args.only.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--run", name, "--data", handle.name],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"ran {name}", file=sys.stderr)
    Path(handle.name).unlink()
    print(report(samples, results))


if __name__ == "__main__":
    main()
