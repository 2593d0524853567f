"""Yes/no answers as clusters write them: Y/N, 예/아니오, O/X, 가능/불가, true/false."""
from __future__ import annotations

YES = ("y", "yes", "예", "네", "o", "○", "◯", "가능", "허용", "사용", "true", "t", "1", "공개",
       "공동활용", "공동활용 가능", "공동활용가능", "공동활용허용가능", "해당")
NO = ("n", "no", "아니오", "아니요", "x", "×", "✕", "불가", "불가능", "불허", "미사용", "false", "f", "0",
      "비공개", "단독활용", "단독활용만 가능", "해당없음", "미해당")
_ANSWERS = {**{w: True for w in YES}, **{w: False for w in NO}}


def parse_flag(value) -> bool:
    """True or False from any of the clusters' yes/no styles; ValueError names the value otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = " ".join(str(value).split()).lower()
    if text in _ANSWERS:
        return _ANSWERS[text]
    raise ValueError(f"yes/no value {str(value)!r} not understood; expected Y/N, 예/아니오, O/X, "
                     "가능/불가 or true/false")


def sharing_scope(value) -> str:
    """The sharing_scopes code of a yes/no answer to 'open for shared use?'."""
    return "shared" if parse_flag(value) else "exclusive"
