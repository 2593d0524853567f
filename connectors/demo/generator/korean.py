"""Korean text helpers: particles that agree with the preceding word, and name romanisation."""
from __future__ import annotations

import re

# Particle pairs: (after a final consonant, after a vowel).
PARTICLES = {"을": ("을", "를"), "를": ("을", "를"), "이": ("이", "가"), "가": ("이", "가"),
             "은": ("은", "는"), "는": ("은", "는"), "과": ("과", "와"), "와": ("과", "와"),
             "으로": ("으로", "로"), "로": ("으로", "로")}
# How Latin letters and digits are read aloud decides the particle: "LC-MS/MS를", "3T를", "7을".
_CLOSED_LATIN = set("lmnr")
_CLOSED_DIGITS = set("013678")
_PLACEHOLDER = re.compile(r"\{(\w+)(?:\|(\w+))?\}")


def final_consonant(word: str) -> str | None:
    """'' for an open final syllable, 'ㄹ' for ㄹ, 'x' for another final consonant, None unknown."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", word)  # "독성시험 (GLP)" is read without the note
    text = re.sub(r"[\s\]」』'\".,]+$", "", text)
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        tail = (ord(last) - 0xAC00) % 28
        return "" if tail == 0 else ("ㄹ" if tail == 8 else "x")
    if last.isdigit():
        return "ㄹ" if last in "178" else ("x" if last in _CLOSED_DIGITS else "")
    if last.isalpha():
        return "ㄹ" if last.lower() in "lr" else ("x" if last.lower() in _CLOSED_LATIN else "")
    return None


def particle(word: str, name: str) -> str:
    """The form of particle name ('을', '이', '으로', ...) that follows word."""
    closed, open_ = PARTICLES[name]
    tail = final_consonant(word)
    if name in ("으로", "로"):
        return closed if tail == "x" else open_
    return closed if tail else open_


def fill(template: str, **values: str) -> str:
    """Format '{v|을} 분석합니다' so each particle agrees with the value before it."""

    def replace(match: re.Match) -> str:
        value = values[match.group(1)]
        return value + (particle(value, match.group(2)) if match.group(2) else "")

    return _PLACEHOLDER.sub(replace, template)


# Revised Romanisation as Korean people usually write their names in English.
SURNAMES = {"김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang",
            "조": "Cho", "윤": "Yoon", "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh",
            "서": "Seo", "신": "Shin", "권": "Kwon", "황": "Hwang", "안": "Ahn", "송": "Song",
            "류": "Ryu", "홍": "Hong", "전": "Jeon", "고": "Ko", "문": "Moon", "양": "Yang",
            "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo", "남": "Nam", "노": "Noh"}
SYLLABLES = {"민": "min", "준": "jun", "서": "seo", "연": "yeon", "지": "ji", "현": "hyun",
             "수": "su", "영": "young", "우": "woo", "진": "jin", "혜": "hye", "은": "eun",
             "성": "sung", "호": "ho", "재": "jae", "희": "hee", "경": "kyung", "태": "tae",
             "하": "ha", "윤": "yoon", "동": "dong", "상": "sang", "정": "jung", "승": "seung",
             "유": "yu", "나": "na", "소": "so", "미": "mi", "혁": "hyuk", "원": "won",
             "예": "ye", "도": "do", "주": "ju", "아": "a", "인": "in", "석": "seok",
             "용": "yong", "철": "cheol", "규": "gyu", "빈": "bin", "선": "sun", "화": "hwa",
             "훈": "hoon", "창": "chang", "기": "ki", "범": "beom", "다": "da", "채": "chae"}


def romanize_name(name: str) -> str:
    """'김민준' -> 'Min-jun Kim' (given name first, as on English business cards)."""
    surname, given = name[0], name[1:]
    parts = [SYLLABLES[s] for s in given]
    return f"{'-'.join(parts).capitalize()} {SURNAMES[surname]}"
