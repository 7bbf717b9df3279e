from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.read.text import split_lines_into_paragraphs, split_page_dump

ARABIC_DUMP = """الرئيسية | سياسة | اقتصاد | رياضة

انفجار سيارة مفخخة قرب سوق شعبي في مدينة الموصل

الموصل:

قالت مصادر أمنية عراقية يوم الاثنين إن ثلاثة أشخاص قتلوا وأصيب عشرة آخرون في انفجار سيارة مفخخة.

وأضافت المصادر أن الانفجار وقع قرب سوق شعبي مزدحم.

ردود الفعل

ودانت الحكومة الهجوم ووعدت بملاحقة المسؤولين عنه.

اقرأ أيضا

مواضيع ذات صلة

جميع الحقوق محفوظة © 2024
"""

ENGLISH_DUMP = """World News

Protesters rally in Khartoum against military rule

KHARTOUM (Reuters) - Thousands of protesters marched in Khartoum on Thursday, witnesses said.

Security forces fired tear gas, a medic told Reuters.

Share this article
Leave a Reply
Your email address will not be published. Required fields are marked *
Back to top
"""


def test_arabic_dump_title_and_body() -> None:
    dump = split_page_dump(ARABIC_DUMP)
    assert dump.title == "انفجار سيارة مفخخة قرب سوق شعبي في مدينة الموصل"
    assert dump.paragraphs[0] == "الموصل:"
    assert "ردود الفعل" in dump.paragraphs


def test_english_dump_title() -> None:
    dump = split_page_dump(ENGLISH_DUMP)
    assert dump.title == "Protesters rally in Khartoum against military rule"
    assert dump.paragraphs[0].startswith("KHARTOUM (Reuters)")


def test_known_title_is_not_repeated() -> None:
    dump = split_page_dump("Title here now\n\nBody sentence one is here.\n", title="Title here now")
    assert dump.paragraphs == ["Body sentence one is here."]


def test_hard_wrapped_block_is_one_paragraph() -> None:
    block = (
        "The ministry said the convoy was attacked near the border crossing\n"
        "late on Tuesday and that several vehicles were destroyed in the\n"
        "strike, which it blamed on an armed group operating in the area.\n"
    )
    assert split_lines_into_paragraphs(block) == [block.strip()]


@given(st.text())
def test_paragraphs_come_from_the_text(text: str) -> None:
    for paragraph in split_lines_into_paragraphs(text):
        for line in paragraph.split("\n"):
            assert line in text
