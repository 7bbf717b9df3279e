"""Build a reproducible corpus of Arabic and English news for the throughput benchmarks (``pipeline.py``).

    .venv/bin/python benchmarks/corpus.py [OUT] [--articles 6000] [--stream 100000] [--seed 7]

Material (read, never shipped; needs ``../shared`` beside the repository):

* Arabic: ANERcorp sentences (``shared/data/ner/anercorp``, CC BY-SA 4.0), detokenised, in runs of
  consecutive sentences (the corpus is newswire without article breaks), grouped into paragraphs;
* English: the Scrapinghub benchmark's gold article bodies (paragraphs) and their real HTML pages
  (``shared/data/extraction/scrapinghub-article-extraction-benchmark``, evaluation use only);
* both: the conflict reports in ``examples/`` (their paragraphs; the Arabic page serves as template).

Variations make every article different, so no timing rests on one repeated file: paragraphs recombined
across stories (conflict paragraphs of the examples are mixed into half the articles, and every English
article takes a paragraph of another page), place names swapped for other MENA cities of Marsad's
gazetteer (same script), numbers other than years redrawn with as many digits (Arabic-Indic digits stay
Arabic-Indic), weekday and month names set to the new publication date (names from Marsad's CLDR date
table). English pages are the real pages with the mixed-in paragraphs inserted into their article; Arabic
pages fill the example page's template, with the head (scripts, styles) of a real page so that they weigh
what real pages weigh.

Output (folder OUT, default ``/tmp/marsad-corpus``; never inside the repository): ``text/{ar,en}/*.txt``,
``html/{ar,en}/*.html``, ``jsonl/articles.jsonl``, ``warc/pages.warc.gz`` (HTTP responses, written with
warcio), with ``--stream N`` also ``stream/stream.jsonl`` (N text articles, for the memory run), and
``manifest.json`` (counts, seed). About 2% of articles are planted again as exact copies under another
name or URL (duplicates), and a few broken inputs (empty, binary, bad JSON line) are planted for
quarantine. The same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import gzip
import html
import io
import json
import random
import re
import shutil
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.understand.places.gazetteer import get_gazetteer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"
ANERCORP = SHARED / "ner" / "anercorp"
SCRAPINGHUB = SHARED / "extraction" / "scrapinghub-article-extraction-benchmark"
MENA_PLACES = SHARED / "geonames" / "mena_places.tsv"
DATE_NAMES = REPO / "src" / "marsad" / "language" / "data" / "date_names.tsv"

OUTPUT_FOLDERS = ("text", "html", "jsonl", "warc")
FORMAT_SHARES = {"text": 0.40, "html": 0.25, "jsonl": 0.20, "warc": 0.15}
DUPLICATE_SHARE = 0.02
BROKEN_PER_FORMAT = 3
MIN_PLACE_POPULATION = 50_000
FIRST_DATE, LAST_DATE = dt.date(2015, 1, 1), dt.date(2025, 12, 31)

_NO_SPACE_BEFORE = frozenset(".,،:;؛!?؟)»%")
_NO_SPACE_AFTER = frozenset("(«")
_ARABIC_LETTER = "\u0621-\u064a"
_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_HEAD_ASSETS = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.S | re.I)
_BETWEEN_WORDS = r"(?:[^\w<&]|&#?\w+;|<[^>]*>){1,40}"
"""What separates two words of a gold text in its page: spaces, punctuation, entities, inline tags."""
_DIGITS = re.compile(r"\d+")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


# -- material ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """A real English page: its HTML, its title, the paragraphs of its gold body, and where in the HTML
    paragraphs can be added to its article (the end of the article's first paragraph)."""

    html: str
    title: str
    paragraphs: list[str]
    host: str
    insert_at: int


@dataclass(slots=True)
class Material:
    arabic_sentences: list[str]
    english_pages: list[Page]
    conflict: dict[str, list[str]]
    """Paragraphs of the example reports, by language."""
    template: str
    """The Arabic example page: Arabic articles are written into it (English ones have a real page)."""
    places: dict[str, list[str]]
    """MENA city names (population >= MIN_PLACE_POPULATION) by script."""


def load_material() -> Material:
    pages = [page for page in _english_pages() if len(page.paragraphs) >= 3]
    conflict = _example_paragraphs()
    sentences = list(_anercorp_sentences())
    words = {
        "ar": Counter(word for tokens in sentences for word, tag in tokens if not tag.endswith("LOC")),
        "en": Counter(w for page in pages for p in page.paragraphs for w in re.findall(r"\w+", p)),
    }
    return Material(
        arabic_sentences=[detokenise([t for t, _ in tokens]) for tokens in sentences if len(tokens) >= 4],
        english_pages=pages,
        conflict=conflict,
        template=(EXAMPLES / "sudan-el-fasher-2025-06-03.ar.html").read_text(encoding="utf-8"),
        places=_places(words),
    )


def detokenise(tokens: list[str]) -> str:
    """ANERcorp tokens back to running text: no space before closing punctuation or after an opening one;
    straight double quotes alternate between opening and closing."""
    out: list[str] = []
    glue_next = False
    quote_open = False
    for token in tokens:
        closing_quote = token == '"' and quote_open
        if out and not glue_next and token not in _NO_SPACE_BEFORE and not closing_quote:
            out.append(" ")
        out.append(token)
        glue_next = token in _NO_SPACE_AFTER or (token == '"' and not quote_open)
        if token == '"':
            quote_open = not quote_open
    return "".join(out)


def _anercorp_sentences() -> Iterator[list[tuple[str, str]]]:
    """ANERcorp's sentences as (token, tag) lists, in corpus order."""
    for name in ("ANERcorp_marsad_train.txt", "ANERcorp_marsad_test.txt"):
        tokens: list[tuple[str, str]] = []
        for line in [*(ANERCORP / name).read_text(encoding="utf-8").splitlines(), ""]:
            if line.strip():
                token, tag = line.rsplit(" ", 1)
                tokens.append((token, tag))
            elif tokens:
                yield tokens
                tokens = []


def _english_pages() -> Iterator[Page]:
    """The benchmark's pages whose article can be found by the first words of its gold body (about 97%)."""
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        page = gzip.decompress((SCRAPINGHUB / "html" / f"{key}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
        title = _TITLE.search(page)
        paragraphs = [p.strip() for p in truth[key]["articleBody"].split("\n") if len(p.strip()) >= 40]
        insert_at = _after_lead(page, paragraphs[0]) if paragraphs else None
        if insert_at is not None:
            title_text = html.unescape(title.group(1)).strip() if title else paragraphs[0][:80]
            yield Page(page, title_text, paragraphs, truth[key]["url"].split("/")[2], insert_at)


def _after_lead(page: str, lead: str) -> int | None:
    """Where the paragraph that starts with ``lead``'s first words ends in ``page`` (searched in the body:
    the same words are often in the head's metadata)."""
    words = re.findall(r"\w+", lead)[:6]
    found = re.compile(_BETWEEN_WORDS.join(map(re.escape, words))).search(page, max(page.find("<body"), 0))
    end = page.find("</p>", found.end()) if found else -1
    return end + len("</p>") if end >= 0 else None


def _example_paragraphs() -> dict[str, list[str]]:
    """Paragraphs of every example report, by language (told by script)."""
    texts: list[str] = []
    for path in sorted(EXAMPLES.iterdir()):
        content = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in content.splitlines() if line.strip()]
        elif path.suffix == ".txt":
            texts.append(content)
        else:  # pages and feed items carry <p> paragraphs (the feed's inside CDATA)
            texts.append("\n\n".join(_TAG.sub("", p) for p in _PARAGRAPH.findall(html.unescape(content))))
    conflict: dict[str, list[str]] = {"ar": [], "en": []}
    for paragraph in (p.strip() for text in texts for p in text.split("\n\n")):
        if len(paragraph) >= 60:
            conflict[_script(paragraph)].append(paragraph)
    return conflict


def _script(text: str) -> str:
    arabic = len(re.findall(f"[{_ARABIC_LETTER}]", text))
    return "ar" if arabic > len(re.findall("[A-Za-z]", text)) else "en"


def _places(words: dict[str, Counter[str]]) -> dict[str, list[str]]:
    """MENA cities known to Marsad's gazetteer, English and Arabic names, without the names that are
    also common words (الخميس, العين; an English name seen in lower case): swapping those would garble
    the text. ``words`` counts, per language, the words of the material outside place names."""
    ids: set[int] = set()
    with MENA_PLACES.open(encoding="utf-8") as rows:
        next(rows)
        ids.update(int(line.split("\t", 1)[0]) for line in rows)
    gazetteer = get_gazetteer()
    records = (gazetteer.record(row) for row in range(len(gazetteer)))
    chosen = [
        r
        for r in records
        if r.geonames_id in ids
        and r.feature_class == "P"
        and r.population >= MIN_PLACE_POPULATION
        and r.name_ar
    ]
    english = {r.name for r in chosen if r.name.isascii() and not words["en"][r.name.lower()]}
    arabic = {r.name_ar for r in chosen if r.name_ar and not words["ar"][r.name_ar]}
    return {"en": sorted(english), "ar": sorted(arabic)}


# -- variations ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameSet:
    """Weekday or month names of one language: ``names[n - 1]`` is number n; ``pattern`` finds any name."""

    names: list[str]
    pattern: re.Pattern[str]


class Varier:
    """Redraws places, numbers, weekdays and months in a text, from one seeded generator."""

    def __init__(self, rng: random.Random, places: dict[str, list[str]]) -> None:
        self.rng = rng
        self.places = places
        self.place_patterns = {
            "en": re.compile(r"\b(" + "|".join(map(re.escape, _longest_first(places["en"]))) + r")\b"),
            "ar": re.compile(
                f"(?<![{_ARABIC_LETTER}])([وفب]?)("
                + "|".join(map(re.escape, _longest_first(places["ar"])))
                + f")(?![{_ARABIC_LETTER}])"
            ),
        }
        self.weekdays, self.months = _date_names()

    def vary(self, text: str, lang: str, published: dt.date) -> str:
        text = self._places(text, lang)
        text = _DIGITS.sub(lambda m: self._number(m.group()), text)
        weekday, month = self.weekdays[lang], self.months[lang]
        text = weekday.pattern.sub(weekday.names[published.isoweekday() - 1], text)
        return month.pattern.sub(month.names[published.month - 1], text)

    def _places(self, text: str, lang: str) -> str:
        names = self.places[lang]
        if lang == "ar":
            return self.place_patterns["ar"].sub(lambda m: m.group(1) + self.rng.choice(names), text)
        return self.place_patterns["en"].sub(lambda _: self.rng.choice(names), text)

    def _number(self, digits: str) -> str:
        """Another number with as many digits; years are kept (an event's year is part of its story)."""
        if len(digits) == 4 and 1900 <= int(digits) <= 2100:
            return digits
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
        drawn = str(self.rng.randint(low, 10 ** len(digits) - 1))
        return drawn if digits.isascii() else drawn.translate(_ARABIC_INDIC)


def _longest_first(names: list[str]) -> list[str]:
    return sorted(names, key=len, reverse=True)


def _date_names() -> tuple[dict[str, NameSet], dict[str, NameSet]]:
    """Weekday and month names by language, from Marsad's CLDR table (English months from ``calendar``).

    Any Arabic month spelling (يناير, كانون الثاني, جانفي) is replaced by the spelling all locales share."""
    rows = [line.split("\t") for line in DATE_NAMES.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if len(row) == 5 and not row[0].startswith("#") and row[0] != "kind"]
    weekdays = {
        lang: _name_set([name for kind, _, lg, name, _ in rows if kind == "weekday" and lg == lang])
        for lang in ("ar", "en")
    }
    arabic_months = [(name, locales) for kind, _, lg, name, locales in rows if kind == "month" and lg == "ar"]
    months = {
        "ar": NameSet(
            [name for name, locales in arabic_months if locales == "all"],
            _word_pattern([name for name, _ in arabic_months]),
        ),
        "en": _name_set(list(calendar.month_name[1:])),
    }
    return weekdays, months


def _name_set(names: list[str]) -> NameSet:
    return NameSet(names, _word_pattern(names))


def _word_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, _longest_first(words))) + r")(?!\w)")


# -- articles ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Article:
    number: int
    lang: str
    title: str
    paragraphs: list[str]
    published: dt.date
    url: str
    site: str
    page: Page | None = None
    """The real page this article's body was drawn from (English), used when it is written as HTML."""
    extra: list[str] = field(default_factory=list)
    """Paragraphs mixed into the story; inserted into the real page when written as HTML."""

    @property
    def text(self) -> str:
        return "\n\n".join([self.title, *self.paragraphs])

    @property
    def slug(self) -> str:
        return f"{self.number:06d}"


class Generator:
    """Draws articles from the material, every draw from one seeded generator (same seed, same corpus)."""

    def __init__(self, material: Material, seed: int) -> None:
        self.material = material
        self.rng = random.Random(seed)
        self.varier = Varier(self.rng, material.places)
        self.count = 0

    def article(self) -> Article:
        self.count += 1
        lang = "ar" if self.rng.random() < 0.5 else "en"
        published = FIRST_DATE + dt.timedelta(days=self.rng.randint(0, (LAST_DATE - FIRST_DATE).days))
        paragraphs, page = self._arabic_story() if lang == "ar" else self._english_story()
        extra = [self.rng.choice(self.material.conflict[lang]) for _ in range(self.rng.choice((0, 0, 1, 2)))]
        if page is not None:  # a real page differs from its other uses only by what is mixed into it
            extra.append(self.rng.choice(self.rng.choice(self.material.english_pages).paragraphs))
        extra = [self.varier.vary(p, lang, published) for p in extra]
        paragraphs = [self.varier.vary(p, lang, published) for p in paragraphs]
        for paragraph in extra:
            paragraphs.insert(self.rng.randint(1, len(paragraphs)), paragraph)
        title = (
            self.varier.vary(page.title, lang, published) if page else _lead_words(paragraphs[0], self.rng)
        )
        site = page.host if page else "news.example.org"
        url = f"https://{site}/{published:%Y/%m/%d}/{lang}-{self.count:06d}"
        return Article(self.count, lang, title, paragraphs, published, url, site, page, extra)

    def _arabic_story(self) -> tuple[list[str], None]:
        sentences = self.material.arabic_sentences
        length = self.rng.randint(4, 12)
        start = self.rng.randrange(len(sentences) - length)
        run = sentences[start : start + length]
        paragraphs: list[str] = []
        while run:
            take = self.rng.randint(1, 3)
            paragraphs.append(" ".join(run[:take]))
            run = run[take:]
        return paragraphs, None

    def _english_story(self) -> tuple[list[str], Page]:
        page = self.rng.choice(self.material.english_pages)
        first = self.rng.randrange(max(1, len(page.paragraphs) - 3))
        return page.paragraphs[first : first + self.rng.randint(3, 9)], page


def headline(rng: random.Random, material: Material, lang: str) -> str:
    """A real English page title, or the first words of an Arabic news sentence (ANERcorp has no titles)."""
    if lang == "en":
        return rng.choice(material.english_pages).title
    return _lead_words(rng.choice(material.arabic_sentences), rng)


def _lead_words(text: str, rng: random.Random) -> str:
    return " ".join(text.split()[: rng.randint(6, 11)]).rstrip(".،,:")


# -- writing -------------------------------------------------------------------------------------------


def article_page(article: Article, material: Material, rng: random.Random) -> str:
    """The article as a web page: its real page with paragraphs inserted, or the Arabic template filled in
    (with the scripts and styles of a real page's head and a list of related headlines)."""
    if article.page is not None:
        return _real_page(article.page, article.extra)
    title = html.escape(article.title)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    replacements = {
        r"<article>.*</article>": f"<article>\n<h1>{title}</h1>\n{body}\n</article>",
        r"<title>.*?</title>": f"<title>{title}</title>",
        r'(?<=property="og:title" content=")[^"]*': title,
        r'(?<=article:published_time" content=")[^"]*': article.published.isoformat(),
    }
    page = material.template
    for pattern, replacement in replacements.items():
        page = re.sub(pattern, replacement.replace("\\", "\\\\"), page, count=1, flags=re.S)
    related = "".join(
        f'<li><a href="/{n}">{html.escape(headline(rng, material, article.lang))}</a></li>' for n in range(12)
    )
    last_list = page.rfind("<ul>") + len("<ul>")
    page = page[:last_list] + related + page[last_list:]
    head = "\n".join(m.group(0) for m in _HEAD_ASSETS.finditer(rng.choice(material.english_pages).html))
    return page.replace("</head>", head + "\n</head>", 1)


def _real_page(page: Page, inserted: list[str]) -> str:
    """``page`` with ``inserted`` paragraphs after the first paragraph of its article."""
    addition = "".join(f"<p>{html.escape(p)}</p>" for p in inserted)
    return page.html[: page.insert_at] + addition + page.html[page.insert_at :]


class Writers:
    """Writes articles in each format under the output folder and counts what it wrote."""

    def __init__(self, out: Path, material: Material, rng: random.Random) -> None:
        self.out, self.material, self.rng = out, material, rng
        for folder in ("text/ar", "text/en", "html/ar", "html/en", "jsonl", "warc"):
            (out / folder).mkdir(parents=True, exist_ok=True)
        self.jsonl = (out / "jsonl" / "articles.jsonl").open("w", encoding="utf-8")
        self.warc_file = (out / "warc" / "pages.warc.gz").open("wb")
        self.warc = WARCWriter(self.warc_file, gzip=True)
        self.counts: dict[str, int] = {}

    def write(self, fmt: str, article: Article, suffix: str = "") -> None:
        {"text": self.text, "html": self.page, "jsonl": self.jsonl_row, "warc": self.warc_record}[fmt](
            article, suffix
        )
        key = f"{fmt}/{article.lang}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def text(self, article: Article, suffix: str) -> None:
        path = self.out / "text" / article.lang / f"{article.slug}{suffix}.{article.lang}.txt"
        path.write_text(article.text + "\n", encoding="utf-8")

    def page(self, article: Article, suffix: str) -> None:
        path = self.out / "html" / article.lang / f"{article.slug}{suffix}.{article.lang}.html"
        path.write_text(article_page(article, self.material, self.rng), encoding="utf-8")

    def jsonl_row(self, article: Article, suffix: str) -> None:
        row: dict[str, str] = {"url": article.url + suffix, "published": article.published.isoformat()}
        if self.rng.random() < 0.2:
            row["html"] = article_page(article, self.material, self.rng)
        else:
            row |= {"title": article.title, "text": "\n\n".join(article.paragraphs)}
        self.jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")

    def warc_record(self, article: Article, suffix: str) -> None:
        payload = article_page(article, self.material, self.rng).encode("utf-8")
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        date = f"{article.published.isoformat()}T12:00:00Z"
        record = self.warc.create_warc_record(
            article.url + suffix,
            "response",
            payload=io.BytesIO(payload),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": f"<urn:uuid:{self._uuid()}>"},
        )
        self.warc.write_record(record)

    def _uuid(self) -> uuid.UUID:
        """A record id from the seeded generator, so the same seed writes the same archive."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def plant_broken(self) -> None:
        """Inputs the reader must quarantine: empty and binary files, a JSON line cut short."""
        for n in range(BROKEN_PER_FORMAT):
            (self.out / "text" / "en" / f"broken-{n}-empty.en.txt").write_bytes(b"")
            (self.out / "html" / "en" / f"broken-{n}-image.en.html").write_bytes(
                b"\x89PNG\r\n\x1a\n" + bytes(64)
            )
            self.jsonl.write('{"url": "https://news.example.org/cut", "text": "cut sh\n')
        self.counts["broken"] = 3 * BROKEN_PER_FORMAT

    def close(self) -> None:
        self.jsonl.close()
        self.warc_file.close()


def build(out: Path, articles: int, seed: int) -> dict[str, object]:
    """Write ``articles`` articles spread over the formats (and planted copies and broken inputs)."""
    for folder in (*OUTPUT_FOLDERS, "stream"):
        shutil.rmtree(out / folder, ignore_errors=True)
    material = load_material()
    generator = Generator(material, seed)
    writers = Writers(out, material, random.Random(seed + 1))
    formats = list(FORMAT_SHARES)
    weights = list(FORMAT_SHARES.values())
    duplicates = 0
    for _ in range(articles):
        article = generator.article()
        fmt = generator.rng.choices(formats, weights)[0]
        writers.write(fmt, article)
        if generator.rng.random() < DUPLICATE_SHARE and fmt in ("text", "jsonl"):
            writers.write(fmt, article, suffix="-copy")
            duplicates += 1
    writers.plant_broken()
    writers.close()
    return {"seed": seed, "articles": articles, "planted_duplicates": duplicates, "files": writers.counts}


def write_stream(out: Path, count: int, seed: int, progress: Callable[[int], None]) -> None:
    """``count`` text articles in one JSON Lines file, generated one at a time (nothing held)."""
    generator = Generator(load_material(), seed + 2)
    (out / "stream").mkdir(parents=True, exist_ok=True)
    with (out / "stream" / "stream.jsonl").open("w", encoding="utf-8") as stream:
        for number in range(1, count + 1):
            article = generator.article()
            row = {"url": article.url, "published": article.published.isoformat(), "title": article.title}
            stream.write(
                json.dumps(row | {"text": "\n\n".join(article.paragraphs)}, ensure_ascii=False) + "\n"
            )
            if number % 10_000 == 0:
                progress(number)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("/tmp/marsad-corpus"))
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--stream", type=int, default=0, help="also write N articles to stream/stream.jsonl")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not (ANERCORP.is_dir() and SCRAPINGHUB.is_dir()):
        print(f"skipped: {SHARED} not found (the material lives in ../shared beside the repository)")
        return 0
    if args.out.resolve().is_relative_to(REPO):
        parser.error("write the corpus outside the repository (default /tmp/marsad-corpus)")
    manifest = build(args.out, args.articles, args.seed)
    if args.stream:
        write_stream(
            args.out, args.stream, args.seed, lambda n: print(f"  stream: {n:,} articles", flush=True)
        )
        manifest["stream"] = args.stream
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
