"""A small news folder for the scale tests: Arabic and English reports, copies, and broken inputs.

The reports are written here from a template with varied places, numbers and weekdays, so every article
differs; ``copies`` of them are planted under other names (same text), and two inputs cannot be read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CITIES = [("Mosul", "الموصل"), ("Homs", "حمص"), ("Taiz", "تعز"), ("Benghazi", "بنغازي"), ("Kassala", "كسلا")]
WEEKDAYS = [("Monday", "الاثنين"), ("Tuesday", "الثلاثاء"), ("Friday", "الجمعة"), ("Sunday", "الأحد")]


def english(number: int) -> str:
    city, _ = CITIES[number % len(CITIES)]
    day, _ = WEEKDAYS[number % len(WEEKDAYS)]
    return (
        f"Clashes in {city} leave {number + 3} dead\n\n"
        f"{city.upper()} - Fighting between two armed groups in {city} killed {number + 3} people, including "
        f"{number % 4 + 1} civilians, on {day}, a local health official said.\n\n"
        "Residents said calm returned by the evening after elders mediated between the two sides.\n"
    )


def arabic(number: int) -> str:
    _, city = CITIES[number % len(CITIES)]
    _, day = WEEKDAYS[number % len(WEEKDAYS)]
    return (
        f"مقتل {number + 3} أشخاص في اشتباكات بمدينة {city}\n\n"
        f"{city} - قال مسؤول في قطاع الصحة يوم {day} إن {number + 3} أشخاص قتلوا وأصيب {number + 10} آخرون "
        f"في اشتباكات بين مجموعتين مسلحتين في مدينة {city}.\n\n"
        "وأضاف أن الهدوء عاد إلى المدينة مساء بعد وساطة من وجهاء محليين.\n"
    )


def write_news(folder: Path, count: int, *, copies: int = 0, broken: bool = True) -> Path:
    """``count`` distinct reports (alternating languages), ``copies`` exact copies, two broken inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = arabic(number) if number % 2 else english(number)
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    for number in range(copies):
        source = folder / f"{number * 3 % count:03d}.txt"
        (folder / f"{count + number:03d}-copy.txt").write_bytes(source.read_bytes())
    if broken:
        (folder / "empty.txt").write_bytes(b"")
        (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return folder


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """12 reports, 3 copies of them, 2 broken inputs: 17 inputs in all."""
    return write_news(tmp_path / "news", 12, copies=3)
