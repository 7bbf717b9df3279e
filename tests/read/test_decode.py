"""Decoding bytes: every Arabic encoding with right, wrong and missing declarations; mojibake; binary."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.read.decode import (
    AMBIGUOUS,
    BAD_BOM,
    BINARY,
    MOJIBAKE,
    UNREADABLE,
    decode_bytes,
    repair_mojibake,
)

ARABIC = (
    "أعلنت وزارة الصحة في المدينة أن عدد القتلى ارتفع إلى أحد عشر شخصا بعد القصف الذي استهدف سوقا "
    "مزدحما صباح الثلاثاء، وقال شهود عيان إن الطائرات حلقت فوق الأحياء الشرقية لساعات قبل الغارة.\n"
    "وأضافت الوزارة في بيان أن فرق الإسعاف نقلت الجرحى إلى المستشفيات القريبة، وأن بعضهم في حالة "
    "حرجة، فيما دعت منظمات إنسانية إلى فتح ممرات آمنة لإجلاء المدنيين من المناطق المحاصرة."
)
ENGLISH = (
    "The ministry said on Tuesday that eleven people were killed when shelling hit a crowded market. "
    "“It was a massacre,” said a café owner, adding that rescuers worked through the night.\n"
    "Aid groups called for safe corridors — and for an independent inquiry into the attack."
)
SPANISH = (
    "El ministerio informó que once personas murieron en la región cuando el bombardeo alcanzó el mercado."
)
ARABIC_CODECS = ["utf-8", "cp1256", "iso8859-6"]
WRONG_OR_MISSING = [None, "iso-8859-1", "windows-1252", "utf-8", "windows-1256", "iso-8859-6", "x-bogus"]
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _double_encoded(text: str, via: str) -> str:
    """UTF-8 bytes read as ``via`` (undefined bytes kept as C1 controls, as Windows does), saved as text."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(via))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize("codec", ARABIC_CODECS)
@pytest.mark.parametrize("declared", WRONG_OR_MISSING)
def test_arabic_decodes_whatever_the_declaration(codec: str, declared: str | None) -> None:
    decoded = decode_bytes(ARABIC.encode(codec), "page", declared)
    assert decoded.text == ARABIC
    assert decoded.encoding == codec
    assert decoded.confident


@pytest.mark.parametrize("codec", ARABIC_CODECS)
@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="iso-8859-1">',
        "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>",
        '<meta charset="windows-1256">',
        '<meta charset="iso-8859-6">',
        "",
    ],
)
def test_html_meta_charset_is_checked_not_trusted(codec: str, meta: str) -> None:
    page = f"<html><head>{meta}<title>خبر</title></head><body><p>{ARABIC}</p></body></html>"
    decoded = decode_bytes(page.encode(codec), "page.html")
    assert decoded.text == page


def test_xml_declaration_is_a_hint_too() -> None:
    feed = f'<?xml version="1.0" encoding="windows-1256"?><rss><item>{ARABIC}</item></rss>'
    assert decode_bytes(feed.encode("cp1256"), "feed.xml").text == feed


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_byte_order_mark_wins_and_is_removed(codec: str, bom: bytes) -> None:
    decoded = decode_bytes(bom + ARABIC.encode(codec), "file.txt", declared="iso-8859-1")
    assert decoded.text == ARABIC
    assert decoded.encoding == codec
    assert decoded.confident


def test_utf16_without_bom_is_recognised_from_its_nul_bytes() -> None:
    decoded = decode_bytes(ENGLISH.encode("utf-16-le"), "export.txt")
    assert decoded.text == ENGLISH
    assert not decoded.confident


@pytest.mark.parametrize("declared", [None, "iso-8859-1", "windows-1256", "iso-8859-6"])
def test_english_and_latin_pages_are_not_read_as_arabic(declared: str | None) -> None:
    for text in (ENGLISH, SPANISH):
        decoded = decode_bytes(text.encode("cp1252"), "page", declared)
        assert decoded.text == text


def test_newlines_are_kept_so_offsets_match_the_source() -> None:
    text = ARABIC.replace("\n", "\r\n") + "\r" + ARABIC + "\n"
    for codec in ARABIC_CODECS:
        assert decode_bytes(text.encode(codec), "crlf.txt").text == text


def test_ascii_and_empty_input() -> None:
    assert decode_bytes(b"", "empty").text == ""
    decoded = decode_bytes(b"Plain ASCII news.\n", "ascii.txt", declared="windows-1256")
    assert (decoded.text, decoded.encoding, decoded.confident) == ("Plain ASCII news.\n", "ascii", True)


def test_a_declaration_settles_a_short_text_that_fits_two_arabic_code_pages() -> None:
    # b"\xc7\xe1\xe5" is a plausible three-letter word in both windows-1256 and ISO-8859-6.
    data = b"\xc7\xe1\xe5"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "short.txt")
    assert caught.value.code == AMBIGUOUS
    assert "pass the encoding" in caught.value.reason
    decoded = decode_bytes(data, "short.txt", declared="iso-8859-6")
    assert decoded.text == data.decode("iso8859-6")
    assert not decoded.confident


def test_utf8_with_a_broken_byte_stays_utf8() -> None:
    data = ARABIC.encode("utf-8")
    truncated = data[: len(data) // 2 + 1] + data[len(data) // 2 + 1 :].replace("ة".encode(), b"\xd8", 1)
    decoded = decode_bytes(truncated, "page")
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 1
    assert not decoded.confident


def test_other_encodings_need_their_declaration_when_short() -> None:
    russian = "Министерство обороны сообщило во вторник о двенадцати погибших".encode("cp1251")
    with pytest.raises(InputError) as caught:
        decode_bytes(russian, "ru.txt")
    assert caught.value.code == UNREADABLE
    assert decode_bytes(russian, "ru.txt", declared="windows-1251").encoding == "cp1251"


# --- mojibake -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("via", ["cp1252", "cp1256"])
def test_double_encoded_arabic_is_repaired(via: str) -> None:
    garbled = _double_encoded(ARABIC, via)
    assert garbled.startswith("Ø£Ø¹" if via == "cp1252" else "ط£ط¹")
    decoded = decode_bytes(garbled.encode("utf-8"), "page")
    assert decoded.text == ARABIC
    assert not decoded.confident


def test_only_the_double_encoded_part_is_repaired() -> None:
    title = "عاجل: قصف على السوق"
    garbled = f"{title}\n{_double_encoded(ARABIC, 'cp1252')}"
    assert decode_bytes(garbled.encode("utf-8"), "page").text == f"{title}\n{ARABIC}"


def test_double_encoded_english_punctuation_is_repaired() -> None:
    garbled = _double_encoded(ENGLISH, "cp1252")
    assert "â€œ" in garbled
    assert repair_mojibake(garbled, "feed") == ENGLISH


def test_double_encoded_arabic_that_lost_bytes_is_refused() -> None:
    # Strict windows-1252 has no character for byte 0x81 (in ف), so converters wrote "?" instead.
    lossy = "".join("?" if "\x80" <= ch <= "\x9f" else ch for ch in _double_encoded(ARABIC, "cp1252"))
    with pytest.raises(InputError) as caught:
        decode_bytes(lossy.encode("utf-8"), "page")
    assert caught.value.code == MOJIBAKE


@pytest.mark.parametrize(
    "genuine",
    [
        "قال إن الوضع في الربيع، كما في الخريف، كان صعبا",
        "وصف الضغط» بأنه كبير؛ وقال: «لا نستطيع»",
        "CAFÉ” and Ã la carte are fine; so is Øresund and Ù",
        "Straße, naïve, façade, São Paulo, Ærø",
    ],
)
def test_genuine_text_is_not_mistaken_for_mojibake(genuine: str) -> None:
    assert repair_mojibake(genuine, "page") == genuine
    assert decode_bytes(genuine.encode("utf-8"), "page").text == genuine


# --- binary and broken input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        gzip.compress(ARABIC.encode("utf-8") * 4),
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + b"text",
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "upload.bin")
    assert caught.value.code == BINARY
    assert caught.value.source == "upload.bin"


def test_a_few_stray_nul_bytes_do_not_make_a_page_binary() -> None:
    page = ARABIC.encode("utf-8") * 3 + b"\x00" + ENGLISH.encode("utf-8") * 3
    assert "\x00" in decode_bytes(page, "page").text


def test_invalid_bytes_after_a_bom_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(codecs.BOM_UTF8 + "نص".encode() + b"\xff\xfe\xfa", "file.txt")
    assert caught.value.code == BAD_BOM


# --- properties -----------------------------------------------------------------------------------------

# Basic Arabic letters, ASCII, Greek and CJK: text that cannot look like double encoding, so it must come back
# unchanged (Latin-1 symbols are left out: "â€™" *is* mojibake, whatever hypothesis meant by it).
_PLAIN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("\n\t\r"),
        st.characters(min_codepoint=0x0621, max_codepoint=0x063A),
        st.characters(min_codepoint=0x0641, max_codepoint=0x064A),
        st.characters(min_codepoint=0x0391, max_codepoint=0x03C9),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
    ),
    max_size=200,
)


@given(_PLAIN_TEXT)
def test_utf8_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "prop").text == text


@given(_PLAIN_TEXT, st.sampled_from(["utf-16", "utf-8-sig"]))
def test_text_with_a_bom_round_trips(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec), "prop").text == text


@settings(max_examples=200)
@given(st.one_of(st.binary(max_size=400), st.lists(st.integers(0x80, 0xFF), max_size=200).map(bytes)))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "random")
    except InputError as exc:
        assert exc.code in {AMBIGUOUS, BAD_BOM, BINARY, MOJIBAKE, UNREADABLE}
    else:
        assert isinstance(decoded.text, str)


# --- real pages -----------------------------------------------------------------------------------------


@pytest.mark.shared
def test_real_news_pages_are_utf8_and_only_repairs_lower_confidence() -> None:
    folder = SHARED / "data" / "extraction" / "scrapinghub-article-extraction-benchmark" / "html"
    if not folder.is_dir():
        pytest.skip("../shared (scrapinghub pages) not available")
    for path in sorted(folder.glob("*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        decoded = decode_bytes(data, path.name)
        assert decoded.encoding == "utf-8"
        # Some pages really contain double-encoded text ("nÃ£o" in a script comment): repaired, not confident.
        assert decoded.confident == (decoded.text == data.decode("utf-8-sig"))
