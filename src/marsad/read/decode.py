"""Turn the bytes of a page or file into text, and never garble Arabic silently.

Arabic news comes as UTF-8, windows-1256 or ISO-8859-6, and pages often lie about it (a server that says
``iso-8859-1`` for windows-1256 Arabic, a CMS that saved UTF-8 read as windows-1252 so ``العربية`` became
``Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©``). Declarations are therefore hints: every candidate reading is scored for
plausibility (control characters, Latin and Arabic letters glued together, words made of accented capitals,
Arabic without any of the commonest words, traces of double encoding) and the best one wins. When two
readings that contain Arabic are too close to call, decoding refuses rather than guess.

Only decoding happens here: a byte-order mark is removed, nothing else. Newlines are kept as they are
(``\\r\\n`` stays ``\\r\\n``) so that offsets into the decoded text are offsets into what the source said.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from charset_normalizer import from_bytes

from marsad.errors import InputError, ResourceError


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec that produced it, and whether the choice was clear-cut.

    ``confident`` is false when the encoding was guessed between close readings, when bytes had to be
    replaced, or when double-encoded text was repaired: the text is the best available but worth a look.
    """

    text: str
    encoding: str
    confident: bool


BINARY = "I021"
BAD_BOM = "I022"
UNREADABLE = "I023"
AMBIGUOUS = "I024"
MOJIBAKE = "I025"

# Byte-order marks, longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HINT_WINDOW = 4096
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.()+-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.-]+)""",
    re.IGNORECASE,
)
# UTF-16 without a byte-order mark shows as NUL bytes (every other byte, in ASCII text); a few stray NULs
# in a web page are junk, counted with the other control bytes.
_UTF16_NUL_SHARE = 0.01
# Bytes that do not occur in text files (tab, newlines, form feed and ESC, used by ISO-2022, are allowed).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_BYTE_SHARE = 0.02
# Characters that a decoding error leaves behind: C0/C1 controls and the replacement character.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_BROKEN_CHARS = re.compile(r"[\x80-\x9f\ufffd]")
_ARABIC_LETTER = "\u0621-\u064a\u066e-\u06d3\u06d5"
_ARABIC_MARKS = "\u064b-\u065f\u0670"
_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LATIN1_SYMBOL = "\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf\u00d7\u00f7"
_TANWEEN = "\u064b-\u064d"
# Signs of a wrong code page inside words: Latin letters or Latin-1 symbols glued to Arabic letters or marks
# (ISO-8859-6 read as windows-1256 gives "èس×"), and tanween, which only ends a word, followed by a letter
# (windows-1256 read as ISO-8859-6 turns every ي into kasratan).
_MISPLACED = re.compile(
    rf"[{_LATIN_LETTER}{_LATIN1_SYMBOL}][{_ARABIC_LETTER}{_ARABIC_MARKS}]"
    rf"|[{_ARABIC_LETTER}{_ARABIC_MARKS}][{_LATIN_LETTER}{_LATIN1_SYMBOL}]"
    rf"|[{_TANWEEN}][{_ARABIC_LETTER}]"
)
_ARABIC_WORD = re.compile(rf"[{_ARABIC_LETTER}][{_ARABIC_LETTER}{_ARABIC_MARKS}]*")
_LATIN_WORD = re.compile(rf"[{_LATIN_LETTER}]{{2,}}")
_LETTER = re.compile(r"[^\W\d_]")
_FOLD_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ی": "ي",
        "ى": "ي",
        "ک": "ك",
        **{chr(c): None for c in range(0x064B, 0x0660)},
    }
)
# A reading with more damage than this is unreadable; readings closer than _TIE are indistinguishable, and a
# winner ahead by _CLEAR or more is a confident choice.
_MAX_DAMAGE = 0.35
_TIE = 0.05
_CLEAR = 0.15
# Damaged characters are near-proof of a wrong reading, untypical words only a hint: damage weighs more.
_DAMAGE_WEIGHT = 10.0
# Arabic words needed before their typicality is judged at full weight.
_FIT_SAMPLE = 8
# Below this share of Arabic letters a reading puts no Arabic at stake (a Latin page with one odd letter).
_ARABIC_AT_STAKE = 0.2
# charset-normalizer is consulted only when the usual suspects all read poorly, and its guess (Cyrillic, CJK…)
# starts behind them: in Arabic and English news it is the least likely explanation.
_GOOD_ENOUGH = 0.05
_GUESS_PRIOR = 0.2
# Below this many non-ASCII bytes charset-normalizer's statistics are noise (it reads three Arabic letters as
# Japanese), so short texts are left to the usual suspects.
_GUESS_MIN_BYTES = 64
_ASCII_BYTES = bytes(range(0x80))
_LOSSY_UTF8_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class _Knowledge:
    labels: dict[str, str]
    fallbacks: tuple[str, ...]
    common_words: frozenset[str]
    article_prefixes: tuple[str, ...]
    expected_fit: float
    trailing_punctuation: str


@cache
def _knowledge() -> _Knowledge:
    """Load ``read/data/charsets.yaml`` once; a broken file is a ResourceError, not a crash mid-batch."""
    try:
        text = resources.files("marsad.read").joinpath("data", "charsets.yaml").read_text(encoding="utf-8")
        data: dict[str, Any] = yaml.safe_load(text)
        return _Knowledge(
            labels={str(k).lower(): str(v) for k, v in data["labels"].items()},
            fallbacks=tuple(data["fallbacks"]),
            common_words=frozenset(w.translate(_FOLD_ARABIC) for w in data["arabic_script_common_words"]),
            article_prefixes=tuple(data["arabic_article_prefixes"]),
            expected_fit=float(data["arabic_expected_fit"]),
            trailing_punctuation=str(data["arabic_trailing_punctuation"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ResourceError(f"cannot load read/data/charsets.yaml: {exc}", code="R002") from exc


# --- double encoding (mojibake) -------------------------------------------------------------------------


def _byte_to_char(codec: str) -> dict[int, str]:
    """Each byte as ``codec`` shows it; bytes the codec leaves undefined show as the same-numbered C1
    control, as Windows and browsers show them (so ``ف`` in cp1252 mojibake survives as ``Ù\\x81``)."""
    table = {}
    for byte in range(0x80, 0x100):
        try:
            table[byte] = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            table[byte] = chr(byte)
    return table


@dataclass(frozen=True, slots=True)
class _WrongCodec:
    """How UTF-8 looks when read with ``name``: the runs it produces and the way back to the bytes."""

    name: str
    runs: re.Pattern[str]
    to_byte: dict[str, int]
    trace: re.Pattern[str]
    """An Arabic lead byte followed by a continuation byte, as this codec shows them: left over, it means
    double-encoded Arabic that could not be repaired."""


def _wrong_codec(name: str, trace_leads: bytes, trailing_punctuation: str) -> _WrongCodec:
    shown = _byte_to_char(name)

    def chars(lo: int, hi: int) -> str:
        return re.escape("".join(shown[b] for b in range(lo, hi + 1)))

    cont = chars(0x80, 0xBF)
    lead2, lead3, lead4 = chars(0xC2, 0xDF), chars(0xE0, 0xEF), chars(0xF0, 0xF4)
    runs = re.compile(rf"(?:[{lead2}][{cont}]|[{lead3}][{cont}]{{2}}|[{lead4}][{cont}]{{3}})+")
    # A codec with undefined bytes often had them replaced by "?" on the way, so "?" counts as a trace too.
    lost = "?" if any(shown[b] == chr(b) for b in range(0x80, 0xA0)) else ""
    trace_cont = re.escape(
        "".join(shown[b] for b in range(0x80, 0xC0) if shown[b] not in trailing_punctuation) + lost
    )
    leads = re.escape("".join(shown[b] for b in trace_leads))
    return _WrongCodec(
        name=name,
        runs=runs,
        to_byte={ch: b for b, ch in shown.items()},
        trace=re.compile(rf"[{leads}][{trace_cont}]"),
    )


@cache
def _wrong_codecs() -> tuple[_WrongCodec, ...]:
    """The classic Arabic mojibakes: UTF-8 read as windows-1252 (``Ø§Ù„``) or windows-1256 (``ط§ظ„``)."""
    punct = _knowledge().trailing_punctuation
    return (_wrong_codec("cp1252", b"\xd8\xd9", punct), _wrong_codec("cp1256", b"\xd8\xd9", punct))


# What a repaired run may turn into: letters and punctuation of Arabic, Latin-1/Extended-A and general
# punctuation. A run that would become anything else (CJK, IPA) is genuine text that only looks like mojibake.
_REPAIRABLE = re.compile(
    r"[\u00a0-\u017f\u0600-\u06ff\u0750-\u077f\u2000-\u206f\u20a0-\u20cf\u2122\ufb50-\ufeff]+"
)


def _undo(run: str, codec: _WrongCodec) -> str | None:
    try:
        fixed = bytes(codec.to_byte[ch] for ch in run).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None
    return fixed if _REPAIRABLE.fullmatch(fixed) else None


def _repair_with(text: str, codec: _WrongCodec) -> str:
    """Undo runs of ``codec`` mojibake. Runs of three bytes or more are distinctive enough on their own; a
    two-byte run (``Ã©``) is undone only once a longer one has shown that this text really is double-encoded,
    because a genuine word can end in such a pair (``الربيع،``)."""
    matches = list(codec.runs.finditer(text))
    fixes = [(m, _undo(m.group(), codec)) for m in matches]
    if not any(fix is not None and len(m.group()) >= 3 for m, fix in fixes):
        return text
    pieces, last = [], 0
    for m, fix in fixes:
        if fix is not None:
            pieces += [text[last : m.start()], fix]
            last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


def repair_mojibake(text: str, origin: str) -> str:
    """Undo UTF-8 that was read as windows-1252 or windows-1256 and saved again.

    Text that is not double-encoded comes back unchanged; double-encoded Arabic that lost bytes on the way
    (so it stays garbled) raises. Containers that hand over text rather than bytes (JSON lines, feeds)
    should call this too.
    """
    fixed = text
    for codec in _wrong_codecs():
        fixed = _repair_with(fixed, codec)
    for codec in _wrong_codecs():
        traces = len(codec.trace.findall(fixed))
        if traces >= 3 and traces >= 0.05 * max(1, len(fixed.split())):
            raise InputError(
                origin,
                f"text is double-encoded Arabic (UTF-8 read as {codec.name}) and bytes were lost on the way; "
                "it cannot be repaired: fetch the original bytes",
                code=MOJIBAKE,
            )
    return fixed


# --- plausibility of a reading ----------------------------------------------------------------------------


def _garbled_latin_letters(text: str) -> int:
    """Accented letters in words made of them (``ÇáÚÑÈíÉ``, ``Ýí``): Arabic bytes read as windows-1252.
    Real words have at most a few accents (``été``, ``Þýðing``)."""
    count = 0
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        accented = sum(not ch.isascii() for ch in word)
        if accented == len(word) or (accented >= 3 and 3 * accented > 2 * len(word)):
            count += accented
    return count


def _arabic_fit(words: list[str]) -> float:
    """Share of Arabic words that are common words or carry the article; near zero for a wrong code page."""
    know = _knowledge()
    typical = 0
    for word in words:
        folded = word.translate(_FOLD_ARABIC)
        typical += folded in know.common_words or any(
            folded.startswith(p) and len(folded) >= len(p) + 2 for p in know.article_prefixes
        )
    return typical / len(words)


def _damage(text: str) -> float:
    """Share of non-ASCII characters that look damaged, 0..1: C1 controls and replacement characters,
    Arabic letters or marks inside Latin words, words of accented capitals, double-encoding traces. ASCII
    bytes read the same in every candidate, so only non-ASCII characters can tell readings apart."""
    non_ascii = max(1, len(text) - len(text.encode("ascii", "ignore")))
    damage = (
        len(_BROKEN_CHARS.findall(text))
        + len(_MISPLACED.findall(text))
        + _garbled_latin_letters(text)
        + 2 * sum(len(codec.trace.findall(text)) for codec in _wrong_codecs())
    )
    return min(1.0, damage / non_ascii)


def _untypical_arabic(words: list[str], share: float) -> float:
    """0..1: how far the Arabic-script ``words`` fall short of typical prose, weighted by their ``share`` of
    the letters and by how many there are (a handful of words says little)."""
    if not words:
        return 0.0
    weight = share * min(1.0, len(words) / _FIT_SAMPLE)
    expected = _knowledge().expected_fit
    return weight * max(0.0, expected - _arabic_fit(words)) / expected


# --- candidate readings ---------------------------------------------------------------------------------


def _codec_name(label: str) -> str | None:
    """The Python codec for a charset label, browser-style; None for unknown labels and non-text codecs."""
    label = label.strip().strip("\"'").lower()
    mapped = _knowledge().labels.get(label, label)
    try:
        info = codecs.lookup(mapped)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.startswith(("utf-16", "utf-32")):
        # Without a byte-order mark a UTF-16/32 label is wrong by construction: the label itself was
        # readable as ASCII. Browsers ignore it too.
        return None
    return info.name


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_HINT_WINDOW])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _guess(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return None if best is None else _codec_name(best.encoding)


@dataclass(frozen=True, slots=True)
class _Reading:
    """One candidate decoding. ``damage`` alone can make a reading unreadable; ``implausibility`` (damage,
    untypical Arabic and a prior against exotic codecs) ranks readings against each other."""

    encoding: str
    text: str
    hinted: bool
    lossy: bool
    damage: float
    implausibility: float
    arabic_words: int
    arabic_share: float
    """Share of the letters that are in Arabic-script words: how much Arabic this reading puts at stake."""

    @classmethod
    def of(
        cls, encoding: str, text: str, *, hinted: bool, lossy: bool = False, prior: float = 0.0
    ) -> _Reading:
        damage = _damage(text)
        words = _ARABIC_WORD.findall(text)
        share = min(1.0, sum(map(len, words)) / max(1, len(_LETTER.findall(text)))) if words else 0.0
        implausibility = prior + _DAMAGE_WEIGHT * damage + _untypical_arabic(words, share)
        return cls(encoding, text, hinted, lossy, damage, implausibility, len(words), share)


def _read(data: bytes, codec: str, *, hinted: bool, prior: float = 0.0) -> _Reading | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return _Reading.of(codec, text, hinted=hinted, prior=prior)


def _lossy_utf8(data: bytes, hinted: bool) -> _Reading | None:
    """UTF-8 with a few broken bytes (a truncated character, a stray byte) is still UTF-8."""
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > _LOSSY_UTF8_SHARE * len(text):
        return None
    return _Reading.of("utf-8", text, hinted=hinted, lossy=True)


def _readings(data: bytes, hints: list[str]) -> Iterator[_Reading]:
    """Readings in order of preference: declared charsets, lossy UTF-8, the Arabic/Latin code pages, and
    last charset-normalizer's guess, consulted only if nothing so far reads well."""
    tried: set[str] = set()
    best = float("inf")
    for codec, hinted in [(h, True) for h in hints] + [(f, False) for f in _knowledge().fallbacks]:
        if codec in tried:
            continue
        tried.add(codec)
        reading = _lossy_utf8(data, hinted) if codec == "utf-8" else _read(data, codec, hinted=hinted)
        if reading is not None:
            best = min(best, reading.implausibility)
            yield reading
    if "utf-8" not in tried and (lossy := _lossy_utf8(data, False)) is not None:
        best = min(best, lossy.implausibility)
        yield lossy
    enough = len(data.translate(None, _ASCII_BYTES)) >= _GUESS_MIN_BYTES
    if best > _GOOD_ENOUGH and enough and (guess := _guess(data)) is not None and guess not in tried:
        reading = _read(data, guess, hinted=False, prior=_GUESS_PRIOR)
        if reading is not None:
            yield reading


def _choose(readings: list[_Reading], origin: str) -> Decoded:
    """Least implausible reading wins; ties go to the earlier (declared) one, except when Arabic is at stake
    and no declaration settles it, where guessing would risk garbled Arabic."""
    ranked = sorted(enumerate(readings), key=lambda pair: (pair[1].implausibility, pair[0]))
    best = ranked[0][1]
    if best.damage > _MAX_DAMAGE:
        tried = ", ".join(r.encoding for r in readings)
        raise InputError(
            origin,
            f"no encoding gives readable text (tried {tried}); if this is text, pass its encoding explicitly",
            code=UNREADABLE,
        )
    rival = next((r for _, r in ranked[1:] if r.text != best.text), None)
    if rival is None:
        return Decoded(best.text, best.encoding, confident=not best.lossy and best.damage == 0)
    margin = rival.implausibility - best.implausibility
    at_stake = max(best.arabic_share, rival.arabic_share) >= _ARABIC_AT_STAKE
    if margin < _TIE and at_stake and not best.hinted:
        raise InputError(
            origin,
            f"cannot tell whether this Arabic text is {best.encoding} or {rival.encoding} "
            "(too little text to judge); pass the encoding explicitly",
            code=AMBIGUOUS,
        )
    # A clear lead counts when it rests on damage in the rival, or on enough Arabic words to judge by.
    damage_lead = _DAMAGE_WEIGHT * (rival.damage - best.damage)
    sampled = best.arabic_words >= _FIT_SAMPLE or not at_stake
    clean = best.implausibility <= _GOOD_ENOUGH and not best.lossy
    confident = clean and (damage_lead >= _CLEAR or (margin >= _CLEAR and sampled))
    return Decoded(best.text, best.encoding, confident=confident)


# --- entry point ----------------------------------------------------------------------------------------


def _reject_controls(text: str, origin: str) -> None:
    if len(_CONTROL_CHARS.findall(text)) > _MAX_CONTROL_BYTE_SHARE * len(text):
        raise InputError(origin, "binary data (control characters), not text", code=BINARY)


def _from_bom(data: bytes, origin: str) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                if codec.startswith("utf-32"):
                    continue  # the UTF-16 LE mark is a prefix of the UTF-32 LE one
                raise InputError(
                    origin,
                    f"starts with a {codec} byte-order mark but byte {exc.start + len(bom)} is invalid; "
                    "the file is corrupt or mixes encodings",
                    code=BAD_BOM,
                ) from exc
            _reject_controls(text, origin)
            repaired = repair_mojibake(text, origin)
            return Decoded(repaired, codec, confident=repaired == text)
    return None


def _bomless_utf16(data: bytes, origin: str) -> Decoded:
    """NUL bytes all on one side of each byte pair are UTF-16 without a mark; anything else is binary."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    codec = "utf-16-le" if odd > even else "utf-16-be"
    if len(data) % 2 == 0 and min(even, odd) <= 0.01 * max(even, odd):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = None
        if text is not None and len(_CONTROL_CHARS.findall(text)) <= 0.01 * len(text):
            return Decoded(text, codec, confident=False)
    raise InputError(origin, "binary data (NUL bytes outside UTF-16), not text", code=BINARY)


def decode_bytes(data: bytes, origin: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` (named ``origin`` in errors); ``declared`` is the charset an HTTP header or container
    gave, checked like the page's own ``<meta charset>`` rather than trusted.

    Raises :class:`InputError` for binary data, for bytes no encoding reads plausibly, for Arabic whose code
    page cannot be told apart, and for double-encoded Arabic that lost bytes.
    """
    if not data:
        return Decoded("", "ascii", confident=True)
    decoded = _from_bom(data, origin)
    if decoded is not None:
        return decoded
    if data.count(0) > _UTF16_NUL_SHARE * len(data):
        return _bomless_utf16(data, origin)
    if len(_CONTROL_BYTES.findall(data)) > _MAX_CONTROL_BYTE_SHARE * len(data):
        raise InputError(origin, "binary data (control bytes), not text", code=BINARY)
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii", confident=True)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Non-ASCII bytes that form valid UTF-8 are UTF-8: windows-1256 Arabic letters are all >= 0xC1,
        # and two such bytes in a row never make a UTF-8 sequence.
        repaired = repair_mojibake(text, origin)
        return Decoded(repaired, "utf-8", confident=repaired == text)
    labels = [declared, _meta_charset(data)]
    hints = [c for c in (_codec_name(label) for label in labels if label) if c is not None]
    return _choose(list(_readings(data, hints)), origin)
