from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.read.html import MAX_CHARS, HtmlExtract, extract_html

PAGES = Path(__file__).parent / "pages"
URL = "https://news.example.org/2023/08/story-1"
FILLER = "the army said on monday that several people were killed in clashes near the border town"

ARABIC_BODY = [
    "قالت السلطات المحلية في ولاية كسلا بشرق السودان يوم الاثنين إن سيولاً جارفة أغرقت أكثر من عشرين قرية على"
    " ضفاف نهر القاش، ما أجبر مئات الأسر على مغادرة منازلها والاحتماء بالمدارس والمساجد.",
    "وأوضح مسؤول في الدفاع المدني أن فرق الإنقاذ انتشلت جثث ثلاثة أشخاص بينهم طفل، فيما لا يزال خمسة آخرون في"
    " عداد المفقودين، مضيفاً أن منسوب المياه ارتفع بسرعة لم تشهدها المنطقة منذ سنوات.",
    "وقال أحد السكان إن المياه دخلت البيوت ليلاً «دون أي إنذار»، وإن الأهالي فقدوا مواشيهم ومخزونهم من الحبوب،"
    " وطالب بإيصال الخيام والأدوية قبل أن تنتشر الأمراض بين النازحين.",
    "ودعت منظمات إغاثة دولية إلى تمويل عاجل لمواجهة آثار الفيضانات، مشيرة إلى أن الطرق المؤدية إلى عدد من"
    " القرى قُطعت بالكامل، وأن الوصول إليها بات ممكناً بالقوارب فقط.",
]
ARABIC_FURNITURE = [
    "الرئيسية",
    "اقرأ أيضاً",
    "ارتفاع أسعار الخبز",
    "ربنا يلطف",
    "يتكرر كل خريف",
    "جميع الحقوق",
    "فيسبوك",
]

ENGLISH_FURNITURE = [
    *("Accept cookies", "Log in", "morning briefing", "More from World", "Fishing fleet"),
    *("Nothing ever changes", "publish the names", "All rights reserved", "Privacy"),
]


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _article(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>Report</title></head><body><article>{body}</article></body></html>"


def _sentences(count: int, seed: int = 0) -> list[str]:
    """Distinct news-like sentences (the extractor drops repeated paragraphs)."""
    rng = random.Random(seed)
    words = FILLER.split()
    return [" ".join(rng.choice(words) for _ in range(40)) + f" (report {i})." for i in range(count)]


def test_arabic_rtl_page_keeps_the_story_and_drops_the_furniture() -> None:
    page = extract_html(_page("news_ar.html"), URL)
    assert page.paragraphs == ARABIC_BODY
    text = "\n".join(page.paragraphs)
    for furniture in ARABIC_FURNITURE:
        assert furniture not in text


def test_arabic_page_metadata() -> None:
    page = extract_html(_page("news_ar.html"), URL)
    assert page.title == "فيضانات تغمر قرى في ولاية كسلا وتشرد مئات الأسر"
    assert page.published == dt.date(2023, 8, 14)  # published, not the later modified_time
    assert page.author == "سامي الأحمد"
    assert page.site == "شبكة النيل الإخبارية"
    assert page.language == "ar"


def test_english_page_keeps_paragraphs_and_subheads() -> None:
    page = extract_html(_page("news_en.html"), URL)
    assert page.paragraphs[0].startswith("Negotiators from the two rival administrations")
    assert page.paragraphs[2].startswith('"We were told the guns would fall silent')
    assert "Fragile truce" in page.paragraphs
    assert page.paragraphs[-1].endswith("could take place later this month.")
    text = "\n".join(page.paragraphs)
    for furniture in ENGLISH_FURNITURE:
        assert furniture not in text


def test_english_page_metadata() -> None:
    page = extract_html(_page("news_en.html"), URL)
    assert (
        page.title == "Ceasefire talks stall as shelling resumes near Misrata"
    )  # "| Coastline Herald" dropped
    assert page.published == dt.date(2022, 3, 7)
    assert page.author == "Hannah Okafor"
    assert page.site == "Coastline Herald"
    assert page.language == "en"


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("انقطاع الكهرباء عن أحياء المدينة | صوت الساحل", "صوت الساحل", "انقطاع الكهرباء عن أحياء المدينة"),
        ("Harbour Daily - Ferry service suspended", "Harbour Daily", "Ferry service suspended"),
        ("Ferry service suspended – news.example.org", None, "Ferry service suspended"),
        (
            "Talks resume - but doubts remain | Harbour Daily",
            "Harbour Daily",
            "Talks resume - but doubts remain",
        ),
    ],
)
def test_site_name_leaves_the_title(title: str, site: str | None, headline: str) -> None:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    body = "".join(f"<p>{p}</p>" for p in _sentences(3, seed=9))
    html = f"<html><head><title>{title}</title>{meta}</head><body><article>{body}</article></body></html>"
    assert extract_html(html, URL).title == headline


def test_text_is_kept_as_published() -> None:
    published = (
        "قُتِلَ ثلاثـــة مدنيين في ٣ قرى، وفق «المرصد» — بحسب ما أعلنه مسؤولون محليون مساء الأحد في بيان رسمي."
    )
    paragraphs = [published, *_sentences(3)]
    page = extract_html(_article(paragraphs), URL)
    assert page.paragraphs == paragraphs


def test_line_breaks_stay_inside_their_paragraph() -> None:
    lines = _sentences(2, seed=1)
    page = extract_html(_article([f"{lines[0]}<br>{lines[1]}", *_sentences(2, seed=2)]), URL)
    assert page.paragraphs[0] == f"{lines[0]}\n{lines[1]}"


def test_site_falls_back_to_the_host_and_language_may_be_unknown() -> None:
    page = extract_html(_article(_sentences(3)), "https://www.example.net/world/1")
    assert page.site == "example.net"
    assert page.language is None


def test_a_story_split_into_chunks_is_read_whole() -> None:
    first, second = _sentences(3, seed=3), _sentences(3, seed=4)
    chunk = '<div class="article-body">{}</div>'
    html = (
        '<html><body><article><div class="chunks">'
        f"<div class='row'>{chunk.format(''.join(f'<p>{p}</p>' for p in first))}</div>"
        "<div class='row'><div class='ad'>Advertisement</div></div>"
        f"<div class='row'>{chunk.format(''.join(f'<p>{p}</p>' for p in second))}</div>"
        "</div></article></body></html>"
    )
    assert extract_html(html, URL).paragraphs == first + second


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ("", "I020"),
        ("  \n\t ", "I020"),
        ("<html><head><title>Only a title</title></head><body><img src='a.png'></body></html>", "I024"),
        ("<html><body><script>var story = 'not text';</script></body></html>", "I024"),
    ],
)
def test_pages_without_text_are_refused(html: str, code: str) -> None:
    with pytest.raises(InputError) as refused:
        extract_html(html, URL)
    assert refused.value.code == code
    assert refused.value.source == URL


def test_binary_garbage_is_refused() -> None:
    rng = random.Random(7)
    noise = bytes(rng.getrandbits(8) for _ in range(50_000))
    for text in (noise.decode("latin-1"), noise.decode("utf-8", errors="replace")):
        with pytest.raises(InputError) as refused:
            extract_html(text)
        assert refused.value.code == "I022"


def test_deep_nesting_is_flattened_and_read() -> None:
    body = "".join(f"<p>{p}</p>" for p in _sentences(4, seed=5))
    after = _sentences(1, seed=6)[0]
    for opener, closer in (("<div>", "</div>"), ("<table><tr><td>", "</td></tr></table>"), ("<b>", "")):
        html = f"<html><body>{opener * 10_000}{body}{closer * 10_000}<p>{after}</p></body></html>"
        page = extract_html(html, URL)
        assert page.paragraphs[-1] == after


def test_oversized_page_is_refused_before_parsing() -> None:
    with pytest.raises(InputError) as refused:
        extract_html("<p>" + "x" * MAX_CHARS + "</p>", URL)
    assert refused.value.code == "I021"


def test_large_page_is_read() -> None:
    paragraphs = _sentences(8_000, seed=8)  # about 2 MB
    page = extract_html(_article(paragraphs), URL)
    assert page.paragraphs == paragraphs


def _outcome(html: str) -> HtmlExtract | None:
    try:
        return extract_html(html, URL)
    except InputError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3_000))
def test_any_text_extracts_or_is_refused(text: str) -> None:
    result = _outcome(text)
    assert result is None or all(p and p == p.strip() for p in result.paragraphs)


_TAGS = st.sampled_from(
    ["div", "p", "span", "b", "article", "table", "tr", "td", "ul", "li", "h1", "br", "script"]
)
_MARKUP = st.lists(
    st.one_of(
        _TAGS.map(lambda t: f"<{t}>"),
        _TAGS.map(lambda t: f"</{t}>"),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
        st.sampled_from(["<!--", "-->", "<", ">", "&amp;", "&#0;", "<?xml version='1.0' encoding='utf-8'?>"]),
        st.sampled_from(['<html class="tooltip">', '<div class="article-body">', '<span class="popover">']),
    ),
    max_size=120,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKUP)
def test_any_markup_extracts_or_is_refused(pieces: list[str]) -> None:
    result = _outcome("<html><body>" + "".join(pieces))
    assert result is None or isinstance(result.paragraphs, list)
