"""Numbers and quantities in Arabic and English news, with spans into the original text.

Casualty figures come in every shape: digits in three scripts with thousands separators ("1,200", "1.200",
"١٬٢٠٠", "1 200"), Arabic number words in both genders and cases with their unit-before-tens order ("خمسة
وعشرون"), English words ("twenty-five", "a hundred and five"), hedges ("أكثر من 100", "at least 27"),
ranges ("between 20 and 30", "من 20 إلى 30"), vague amounts ("عشرات", "dozens"), and Arabic duals that are a
number by themselves ("جنديان" = two soldiers). :func:`find_quantities` reads them all into
:class:`Quantity` records.

What a :class:`Quantity` says (the output contract):

* ``count`` is the number to record. For a stated figure it is the figure ("more than 100" → 100, "up to 40"
  → 40, "between 20 and 30" → 20, the conservative end); for a vague amount it is ACLED's conservative
  value (tens/عشرات 10, dozens 12, scores 20, hundreds/مئات 100, thousands/آلاف 1000, several/عدة/بضعة/
  "a few" 3; see ``data/quantities.yaml``); ``None`` when there is no figure ("an unknown number").
* ``low``/``high`` bound the true amount, both inclusive, ``None`` where unbounded. Exact figures have
  ``low == high == count``; "at least 27" has low 27; "more than 100" has low 101; "up to 40" has high 40;
  a range has both (and qualifier ``at_least``: at least its low end); "about" figures have neither; vague
  amounts have ``low == count`` (and a high end when the word has one: بضعة is 3 to 9).
* ``qualifier`` is one of :data:`QUALIFIERS`.

Percentages and decimals without a multiplier ("3.5") are not quantities and are not returned. Years,
parts of dates and labels ("القرار رقم 2254", "Brigade 93") *are* numbers and are returned, because a
caller may want them; :func:`is_year_like` and :func:`is_label` tell them apart, and
``find_quantities(..., counts_only=True)`` drops them for callers that want amounts only.

Everything is matched on a folded copy of the text (see :mod:`marsad.language.normalize`); spans are
mapped back, so ``text[q.start:q.end] == q.text`` always.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml

from marsad.errors import ResourceError
from marsad.language.normalize import normalize_arabic, normalize_with_offsets, original_span
from marsad.language.phrases import PhraseMatch, PhraseTable, fold_phrase, scan, stems

Qualifier = Literal[
    "exact",
    "about",
    "at_least",
    "more_than",
    "up_to",
    "several",
    "dozens",
    "hundreds",
    "thousands",
    "unknown",
]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
LANGUAGES = ("ar", "en")
YEARS = range(1800, 2101)
"""Gregorian years that a cue or a date makes a year rather than an amount."""

_DATA = resources.files("marsad.language") / "data"
# Digits glued into a time, a numeric date or a score sheet ("10:30", "30/11/2024", "2024-11-30").
_CHAIN_RE = re.compile(r"\d+(?:[/:]\d+)+|\d+(?:-\d+){2,}")
_LATIN = re.compile(r"[a-z]")
_HEDGEABLE: frozenset[Qualifier] = frozenset({"exact", "about"})
_LABEL_WINDOW = 40  # characters before a number searched for a label word


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or amount found in a text; see the module docstring for what each field means."""

    start: int
    end: int
    text: str
    count: int | None
    low: int | None
    high: int | None
    qualifier: Qualifier


@dataclass(frozen=True, slots=True)
class _Vague:
    count: int | None
    high: int | None
    qualifier: Qualifier


@dataclass(frozen=True)
class _Lexicon:
    """Everything the reader knows about one language (or, for other languages, both)."""

    words: dict[str, tuple[tuple[str, int], ...]]
    hedges_before: PhraseTable[Qualifier]
    hedges_after: PhraseTable[Qualifier]
    openers: PhraseTable[bool]
    joins: PhraseTable[bool]
    vague: PhraseTable[_Vague]
    percent: PhraseTable[bool]
    labels: frozenset[str]
    duals: PhraseTable[bool]
    and_words: frozenset[str]
    and_clitic: bool
    """Arabic: و is written on the next word (وعشرون)."""
    bare_continuation: bool
    """English: "two thousand three hundred" needs no "and"."""


@dataclass(frozen=True, slots=True)
class _Reading:
    role: str
    value: int
    prefix: int


@dataclass(frozen=True, slots=True)
class _Hit:
    """A quantity found on tokens ``[index, end)``, whose first ``prefix`` characters are proclitics."""

    index: int
    prefix: int
    end: int
    count: int | None
    low: int | None
    high: int | None
    qualifier: Qualifier


@dataclass(frozen=True, slots=True)
class _Figure:
    """A parsed figure: its value, the token index after it, and the multiplier of its first term."""

    value: Fraction
    end: int
    top: int


def _load_yaml() -> dict[str, Any]:
    try:
        data = yaml.safe_load((_DATA / "quantities.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot load quantities.yaml: {exc}", code="R102") from exc
    if not isinstance(data, dict):
        raise ResourceError("quantities.yaml must be a mapping", code="R102")
    return data


def _load_words() -> dict[str, list[tuple[str, str, int]]]:
    """number_words.tsv by language: (folded form, role, value)."""
    try:
        text = (_DATA / "number_words.tsv").read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read number_words.tsv: {exc}", code="R102") from exc
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    by_lang: dict[str, list[tuple[str, str, int]]] = {}
    for lang, form, role, value in rows:
        by_lang.setdefault(lang, []).append((normalize_arabic(form), role, int(value)))
    return by_lang


def _dual_forms(nouns: list[dict[str, Any]]) -> Iterator[tuple[str, bool]]:
    """Every spelling of the dual of each noun: nominative -ان, oblique -ين, with and without the article."""
    for entry in nouns:
        noun = normalize_arabic(entry["noun"])
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun
        endings = ["ان", "ين"] if entry.get("oblique", True) else ["ان"]
        for ending in endings:
            yield stem + ending, True
            yield "ال" + stem + ending, True


@cache
def _lexicon(lang: str) -> _Lexicon:
    """The lexicon for ``lang``; any language other than ar/en gets both, since digits are universal and
    the two word lists never share a spelling."""
    langs = [lang] if lang in LANGUAGES else list(LANGUAGES)
    data = _load_yaml()
    all_words = _load_words()
    words: dict[str, list[tuple[str, int]]] = {}
    for code in langs:
        for form, role, value in all_words[code]:
            words.setdefault(form, []).append((role, value))

    def table(path: tuple[str, ...]) -> list[Any]:
        found: list[Any] = []
        for code in langs:
            node: Any = data
            for key in (path[0], code, *path[1:]):
                node = node.get(key, {}) if isinstance(node, dict) else {}
            found.extend(node or [])
        return found

    def hedges(side: str) -> PhraseTable[Qualifier]:
        entries: list[tuple[str, Qualifier]] = []
        for code in langs:
            for qualifier, phrases in data["hedges"][code][side].items():
                entries.extend((phrase, qualifier) for phrase in phrases)
        return PhraseTable(entries)

    return _Lexicon(
        words={form: tuple(readings) for form, readings in words.items()},
        hedges_before=hedges("before"),
        hedges_after=hedges("after"),
        openers=PhraseTable((p, True) for p in table(("ranges", "openers"))),
        joins=PhraseTable(
            [(p, False) for p in table(("ranges", "joins"))]
            + [(p, True) for p in table(("ranges", "needs_opener"))]
        ),
        vague=PhraseTable(
            (e["phrase"], _Vague(e["count"], e.get("high"), e["qualifier"])) for e in table(("vague",))
        ),
        percent=PhraseTable((p, True) for p in table(("percent",))),
        labels=frozenset(word for label in table(("labels",)) for word in fold_phrase(str(label))),
        duals=PhraseTable(_dual_forms(data["dual_nouns"]) if "ar" in langs else []),
        and_words=frozenset(word for code, word in (("ar", "و"), ("en", "and")) if code in langs),
        and_clitic="ar" in langs,
        bare_continuation="en" in langs,
    )


def _digit_value(text: str) -> Fraction | None:
    """The value of a digit token: grouped thousands ("1,200", "1.200", "1 200", "1,200.5") or a decimal
    ("1.5", "2,5"); ``None`` for shapes that are no single number ("1.2.3", "1,20,5")."""
    if " " in text:
        return Fraction(int(text.replace(" ", "")))
    separators = [char for char in text if char in ".,"]
    if not separators:
        return Fraction(int(text))
    groups = re.split(r"[.,]", text)
    grouped = all(len(group) == 3 for group in groups[1:]) and len(groups[0]) <= 3
    if len(set(separators)) == 1:
        if grouped and not (len(separators) == 1 and groups[0] == "0"):
            return Fraction(int("".join(groups)))
        return Fraction(text.replace(",", ".")) if len(separators) == 1 else None
    decimal = separators[-1]
    integer, _, fraction = text.rpartition(decimal)
    thousands = re.split(r"[.,]", integer)
    if decimal in integer or not all(len(group) == 3 for group in thousands[1:]) or len(thousands[0]) > 3:
        return None
    return Fraction(f"{''.join(thousands)}.{fraction}")


class _Reader:
    """Reads quantities from the tokens of one folded text."""

    def __init__(self, folded: str, lexicon: _Lexicon, *, duals: bool) -> None:
        self.folded = folded
        self.lex = lexicon
        self.tokens = scan(folded)
        self.duals = duals
        self.glued = [(m.start(), m.end()) for m in _CHAIN_RE.finditer(folded)]

    # ---- token readings -------------------------------------------------------------------------------

    def reading(self, index: int, roles: frozenset[str], prefix: str | None) -> _Reading | None:
        """A reading of token ``index`` in one of ``roles``; ``prefix`` is the proclitic it must carry
        ("" none, "و" the conjunction) or ``None`` for any proclitic."""
        if index >= len(self.tokens):
            return None
        word = self.tokens[index].text
        for stem, length in stems(word):
            if prefix is not None and word[:length] != prefix:
                continue
            for role, value in self.lex.words.get(stem, ()):
                if role in roles:
                    return _Reading(role, value, length)
        return None

    def connectors(self, index: int) -> Iterator[tuple[int, str]]:
        """Where the next part of a number may start after ``index``, and the proclitic it then carries."""
        if index < len(self.tokens) and self.tokens[index].text in self.lex.and_words:
            yield index + 1, ""
        if self.lex.and_clitic:
            yield index, "و"
        if self.lex.bare_continuation:
            yield index, ""

    # ---- figures --------------------------------------------------------------------------------------

    def digits(self, index: int) -> Fraction | None:
        """The value of a digit token that stands for an amount (not part of a time, date, or model name)."""
        if index >= len(self.tokens) or not self.tokens[index].is_digits:
            return None
        token = self.tokens[index]
        before = self.folded[max(0, token.start - 2) : token.start]
        after = self.folded[token.end : token.end + 1]
        if _LATIN.search(before[-1:]) or (before.endswith("-") and _LATIN.search(before[:1])):
            return None
        if _LATIN.match(after) or any(s <= token.start and token.end <= e for s, e in self.glued):
            return None
        return _digit_value(token.text)

    def group(self, index: int, prefix: str | None) -> tuple[int, int] | None:
        """A number below a thousand written in words: (value, end). The script of the first word picks the
        grammar, so that an English word never continues an Arabic number or the other way round."""
        if index >= len(self.tokens):
            return None
        if self.tokens[index].text.isascii():
            return self.en_group(index, prefix)
        return self.ar_group(index, prefix)

    def ar_group(self, index: int, prefix: str | None) -> tuple[int, int] | None:
        hundreds = self.reading(index, frozenset({"hundreds"}), prefix)
        if hundreds:
            value, end = hundreds.value, index + 1
        else:
            unit = self.reading(index, frozenset({"unit"}), prefix)
            word = self.reading(index + 1, frozenset({"hundreds"}), "")
            if not (unit and word and 3 <= unit.value <= 9 and word.value == 100):
                return self.ar_rest(index, prefix)
            value, end = unit.value * 100, index + 2
        for start, link in self.connectors(end):
            rest = self.ar_rest(start, link) if link or start > end else None
            if rest:
                return value + rest[0], rest[1]
        return value, end

    def ar_rest(self, index: int, prefix: str | None) -> tuple[int, int] | None:
        """1-99 in Arabic words: units, teens (ثلاثة عشر), tens, and unit-and-tens (خمسة وعشرون)."""
        tens = self.reading(index, frozenset({"tens"}), prefix)
        if tens:
            return tens.value, index + 1
        unit = self.reading(index, frozenset({"unit", "teen_unit", "ten"}), prefix)
        if unit is None:
            return None
        if unit.role == "ten":
            return 10, index + 1
        if 1 <= unit.value <= 9 and self.reading(index + 1, frozenset({"ten"}), ""):
            return 10 + unit.value, index + 2
        if unit.role == "unit" or unit.value == 1:  # إحدى وعشرون is 21, but اثنا needs عشر
            for start, link in self.connectors(index + 1):
                more = self.reading(start, frozenset({"tens"}), link) if link or start > index + 1 else None
                if more and unit.value >= 1:
                    return unit.value + more.value, start + 1
        return (unit.value, index + 1) if unit.role == "unit" else None

    def en_group(self, index: int, prefix: str | None) -> tuple[int, int] | None:
        head = self.reading(index, frozenset({"unit", "article"}), prefix)
        if not (head and head.value >= 1 and self.reading(index + 1, frozenset({"hundred"}), "")):
            return self.en_rest(index, prefix)
        value, end = head.value * 100, index + 2
        for start, _link in self.connectors(end):
            rest = self.en_rest(start, "")
            if rest and not self.reading(rest[1], frozenset({"hundred"}), ""):
                return value + rest[0], rest[1]
        return value, end

    def en_rest(self, index: int, prefix: str | None) -> tuple[int, int] | None:
        """0-99 in English words: units, teens, tens, and "twenty-five" / "twenty five"."""
        word = self.reading(index, frozenset({"unit", "teen", "tens"}), prefix)
        if word is None:
            return None
        if word.role != "tens":
            return word.value, index + 1
        hyphen = index + 1 < len(self.tokens) and self.tokens[index + 1].text == "-"
        unit = self.reading(index + 2 if hyphen else index + 1, frozenset({"unit"}), "")
        if unit and unit.value >= 1:
            return word.value + unit.value, index + (3 if hyphen else 2)
        return word.value, index + 1

    def multiplier(self, index: int) -> int | None:
        """A multiplier word right after a group (ألف، آلاف، ألفا، thousand, million...)."""
        found = self.reading(index, frozenset({"mult", "mult_acc", "mult_plural"}), "")
        return found.value if found else None

    def lone_multiplier(self, index: int, prefix: str | None) -> tuple[int, int, int] | None:
        """A multiplier that is a number by itself: ألف (1000), ألفان/ألفا (2000), "a thousand".
        Returns (value, end, multiplier)."""
        found = self.reading(index, frozenset({"mult", "mult_dual", "mult_acc", "article"}), prefix)
        if found is None:
            return None
        if found.role == "article":
            following = self.reading(index + 1, frozenset({"mult"}), "")
            return (following.value, index + 2, following.value) if following else None
        if found.role == "mult" and self.tokens[index].text.isascii():
            return None  # "thousand" alone is no number; "a thousand" and ألف are
        times = 1 if found.role == "mult" else 2
        return times * found.value, index + 1, found.value

    def term(self, index: int, prefix: str | None, limit: int | None) -> _Figure | None:
        """A group or digits, optionally multiplied, or a multiplier alone, below ``limit``."""
        value: Fraction | None = self.digits(index)
        end = index + 1
        if value is None:
            group = self.group(index, prefix)
            if group:
                value, end = Fraction(group[0]), group[1]
        if value is not None:
            times = self.multiplier(end)
            if times and (limit is None or times < limit) and (value * times).denominator == 1:
                return _Figure(value * times, end + 1, times)
            if value.denominator != 1 or (limit is not None and value >= limit):
                return None
            return _Figure(value, end, 1)
        alone = self.lone_multiplier(index, prefix)
        if alone and (limit is None or alone[2] < limit):
            return _Figure(Fraction(alone[0]), alone[1], alone[2])
        return None

    def figure(self, index: int, prefix: str | None) -> _Figure | None:
        """A whole figure: terms of falling multipliers joined by و / "and" (ألفان وخمسمئة وثلاثة)."""
        first = self.term(index, prefix, None)
        if first is None:
            return None
        total, end, scale = first.value, first.end, first.top
        while scale > 1:
            following = next(
                (found for start, link in self.connectors(end) if (found := self.term(start, link, scale))),
                None,
            )
            if following is None:
                break
            total, end, scale = total + following.value, following.end, following.top
        return _Figure(total, end, first.top)

    # ---- quantities -----------------------------------------------------------------------------------

    def at(self, index: int) -> _Hit | None:
        """The quantity starting at token ``index``, if there is one."""
        return (
            self.ranged(index)
            or self.hedged(index)
            or self.plain(index)
            or self.vague_amount(index)
            or (self.dual(index) if self.duals else None)
        )

    def ranged(self, index: int) -> _Hit | None:
        opener = self.lex.openers.match(self.tokens, index, clitics=True)
        if opener is None:
            return None
        low = self.figure(opener.end, "")
        found = low and self.range_end(low, opened=True)
        if not (low and found) or self.is_percent(found[1]):
            return None
        (bottom, top), end = found
        return _Hit(index, opener.prefix, end, bottom, bottom, top, "at_least")

    def range_end(self, low: _Figure, *, opened: bool) -> tuple[tuple[int, int], int] | None:
        """The upper end of a range after figure ``low``: ((low, high), end token), if there is one."""
        join = self.lex.joins.match(self.tokens, low.end)
        starts = []
        if join and (opened or not join.value):
            starts.append((join.end, ""))
        if opened and self.lex.and_clitic:
            starts.append((low.end, "و"))
        for start, link in starts:
            high = self.figure(start, link)
            if high is None:
                continue
            bottom = low.value
            if high.top > 1 and low.top == 1 and bottom * high.top <= high.value:
                bottom *= high.top
            if bottom < high.value and bottom.denominator == 1:
                return (int(bottom), int(high.value)), high.end
        return None

    def hedged(self, index: int) -> _Hit | None:
        hedge = self.lex.hedges_before.match(self.tokens, index, clitics=True)
        if hedge is None:
            return None
        figure = self.figure(hedge.end, "")
        if figure is not None:
            ranged = self.range_end(figure, opened=False)
            end = ranged[1] if ranged else figure.end
            if self.is_percent(end):
                return None
            if ranged:  # "نحو 30 إلى 40": a range, "about" if the hedge said so
                (low, high), _ = ranged
                qualifier: Qualifier = "about" if hedge.value == "about" else "at_least"
                return _Hit(index, hedge.prefix, end, low, low, high, qualifier)
            return _hedged(index, hedge.prefix, end, int(figure.value), hedge.value)
        vague = self.lex.vague.match(self.tokens, hedge.end)
        if vague and vague.value.qualifier in _HEDGEABLE and vague.value.count is not None:
            return _hedged(index, hedge.prefix, vague.end, vague.value.count, hedge.value)
        return None

    def plain(self, index: int) -> _Hit | None:
        figure = self.figure(index, None)
        if figure is None:
            return None
        prefix = 0 if self.tokens[index].is_digits else self.reading_prefix(index)
        ranged = self.range_end(figure, opened=False)
        if ranged:
            (low, high), end = ranged
            return None if self.is_percent(end) else _Hit(index, prefix, end, low, low, high, "at_least")
        if self.is_percent(figure.end):
            return None
        after = self.lex.hedges_after.match(self.tokens, figure.end)
        if after:
            return _hedged(index, prefix, after.end, int(figure.value), after.value)
        return _hedged(index, prefix, figure.end, int(figure.value), "exact")

    def reading_prefix(self, index: int) -> int:
        """How many proclitic characters the number word at ``index`` carries (وثلاثة → 1)."""
        word = self.tokens[index].text
        return next((length for stem, length in stems(word) if stem in self.lex.words), 0)

    def vague_amount(self, index: int) -> _Hit | None:
        found: PhraseMatch[_Vague] | None = self.lex.vague.match(self.tokens, index, clitics=True)
        if found is None:
            return None
        vague = found.value
        if vague.qualifier in _HEDGEABLE and vague.count is not None:  # "a dozen" is a figure in words
            return _hedged(index, found.prefix, found.end, vague.count, vague.qualifier)
        return _Hit(index, found.prefix, found.end, vague.count, vague.count, vague.high, vague.qualifier)

    def dual(self, index: int) -> _Hit | None:
        """جنديان، غارتين: the dual of a countable noun, with the duals and "اثنان" that agree with it
        ("مصدران عسكريان", "قتيلين اثنين") as one quantity."""
        found = self.lex.duals.match(self.tokens, index, clitics=True)
        if found is None:
            return None
        end = found.end
        while agreeing := self.lex.duals.match(self.tokens, end):
            end = agreeing.end
        two = self.reading(end, frozenset({"unit"}), "")
        return _Hit(index, found.prefix, end + 1 if two and two.value == 2 else end, 2, 2, 2, "exact")

    def is_percent(self, index: int) -> bool:
        return self.lex.percent.match(self.tokens, index) is not None

    def is_ordinal(self, index: int) -> bool:
        """الحادي عشر, التاسع عشر: an ordinal whose عشر must not be read as ten."""
        ordinal = self.reading(index, frozenset({"ordinal_unit"}), None)
        return ordinal is not None and self.reading(index + 1, frozenset({"ten"}), "") is not None


def _hedged(index: int, prefix: int, end: int, count: int, qualifier: Qualifier) -> _Hit:
    """A stated figure under a hedge (or none: "exact"), with the bounds the hedge implies."""
    low = {"exact": count, "at_least": count, "more_than": count + 1}.get(qualifier)
    high = count if qualifier in ("exact", "up_to") else None
    return _Hit(index, prefix, end, count, low, high, qualifier)


def find_quantities(text: str, lang: str, *, counts_only: bool = False, duals: bool = True) -> list[Quantity]:
    """Every number and amount in ``text``, in order; ``lang`` is "ar" or "en" (anything else reads both).

    ``counts_only`` drops years, numbers inside dates and labels (see :func:`is_year_like`,
    :func:`is_label`), leaving candidate amounts such as casualty figures. ``duals=False`` turns off
    reading Arabic dual nouns (جنديان) as the number two.
    """
    folded, offsets = normalize_with_offsets(text)
    reader = _Reader(folded, _lexicon(lang), duals=duals)
    found: list[Quantity] = []
    index = 0
    while index < len(reader.tokens):
        if reader.is_ordinal(index):
            index += 2
            continue
        hit = reader.at(index)
        if hit is None:
            index += 1
            continue
        start, stop = original_span(
            text, offsets, reader.tokens[hit.index].start + hit.prefix, reader.tokens[hit.end - 1].end
        )
        found.append(Quantity(start, stop, text[start:stop], hit.count, hit.low, hit.high, hit.qualifier))
        index = hit.end
    if counts_only:
        found = [q for q in found if not is_year_like(text, q, lang) and not is_label(text, q, lang)]
    return found


def parse_number(text: str, lang: str) -> int | None:
    """The value of ``text`` when all of it is one exact figure ("خمسة وعشرون", "1,200", "twenty-five")."""
    quantities = find_quantities(text, lang, duals=False)
    if len(quantities) == 1 and quantities[0].qualifier == "exact" and quantities[0].text == text.strip():
        return quantities[0].count
    return None


@lru_cache(maxsize=16)
def _date_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    from marsad.language.dates import find_dates  # dates reads numbers too; import on use

    return tuple((d.start, d.end) for d in find_dates(text, lang, None))


def is_year_like(text: str, quantity: Quantity, lang: str) -> bool:
    """True when ``quantity`` (found in ``text``) is a year or part of a date, not an amount.

    Years are recognised the way :func:`marsad.language.dates.find_dates` recognises them — after a cue
    ("عام 2016", "in 2011", "since 2011") or inside a written date ("30 November 2024", "30/11/2024") — plus
    ranges of two years ("2011-2016").
    """
    if any(start < quantity.end and quantity.start < end for start, end in _date_spans(text, lang)):
        return True
    return (
        quantity.low is not None
        and quantity.high is not None
        and quantity.low != quantity.high
        and quantity.low in YEARS
        and quantity.high in YEARS
    )


def is_label(text: str, quantity: Quantity, lang: str) -> bool:
    """True when the number is a label right after a word such as "resolution", "No.", "رقم", "اللواء"."""
    tokens = scan(normalize_arabic(text[max(0, quantity.start - _LABEL_WINDOW) : quantity.start]))
    if tokens and tokens[-1].text in {".", ":"}:
        tokens.pop()
    if not tokens:
        return False
    labels = _lexicon(lang).labels
    return any(stem in labels for stem, _ in stems(tokens[-1].text))
