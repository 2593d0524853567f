"""Personal data in a sample export: a staff member's name, phone number or e-mail address is
never printed by the scaffold (the module it writes is committed, its output is pasted into
tickets) and never guessed as a mapping (the schema's contact is the organisation's, not a person's).

A column is personal by its header (담당자 연락처, 책임자, Contact person) or by any of its values
(a phone number, an e-mail address, a personal name in a contact column), however often they repeat."""
from __future__ import annotations

import re

from .synonyms import squash

# Words in a header that say the column is about a person (squashed: no spaces, lower case).
# (성명/이름 are not among them: they are an expert's own name, and names as values are caught below.)
PERSON_WORDS = ("담당자", "책임자", "관리자", "운영자", "작성자", "등록자", "신청자", "contactperson",
                "personincharge", "manager", "contactname", "registnm", "staff")
# Headers of contact details; their values count as a person's unless the header says otherwise.
CONTACT_WORDS = ("연락처", "문의", "내선", "전화", "휴대폰", "핸드폰", "이메일", "메일", "contact", "phone", "mobile", "tel",
                 "email", "fax", "팩스")
PHONE = re.compile(r"(?<![\w.])(?:\+?82[\s.-]?|0)\d{1,2}[\s.)-]?\d{3,4}[\s.-]?\d{4}(?![\w])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The commonest Korean surnames; three Hangul syllables starting with one (홍길동), or two to four
# with a title after them (김철수 박사, 이영 책임), are taken for a name.
SURNAMES = set("김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용")
NAME = re.compile(r"^(?:[가-힣]{3}|[가-힣]{2,4}\s*(?:님|씨|박사|교수|연구원|선임|책임|수석|팀장|실장|센터장|주임|"
                  r"대리|과장|부장))$")


# A contact header with one of these is the organisation's line (대표전화, 센터 메일): it may be mapped.
ORGANISATION_WORDS = ("대표", "기관", "센터", "main", "office", "general")


def is_personal_header(column: str) -> bool:
    """The header names a person or contact details not marked as the organisation's: 담당자,
    담당자 연락처, 책임자(내선), PIC e-mail, 전화번호, E-mail (but not 대표전화)."""
    key = squash(column)
    if any(word in key for word in PERSON_WORDS) or re.search(r"\bPIC\b", str(column), re.I):
        return True
    return any(w in key for w in CONTACT_WORDS) and not any(w in key for w in ORGANISATION_WORDS)


def is_contact_header(column: str) -> bool:
    key = squash(column)
    return is_personal_header(column) or any(word in key for word in CONTACT_WORDS)


def looks_personal(value: str) -> bool:
    """A phone number or an e-mail address anywhere in the value."""
    return bool(PHONE.search(value) or EMAIL.search(value))


def looks_like_name(value: str) -> bool:
    text = value.strip()
    return bool(NAME.match(text)) and text[0] in SURNAMES


def is_private(column: str, values: list[str]) -> bool:
    """Never print this column's values: a personal or contact header (its names, numbers and
    addresses), any phone number or e-mail address, or a column mostly of personal names under a
    header of its own. Whether values repeat does not matter."""
    if is_contact_header(column) or any(looks_personal(v) for v in values):
        return True
    distinct = set(values)
    return bool(distinct) and 2 * sum(1 for v in distinct if looks_like_name(v)) >= len(distinct)


def redact(text: str) -> str:
    """The text with every phone number and e-mail address replaced, for messages that quote a value."""
    return PHONE.sub("[phone number]", EMAIL.sub("[e-mail address]", text))
