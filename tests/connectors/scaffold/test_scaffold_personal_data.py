"""The scaffold never prints a person's data: phone numbers, e-mail addresses and staff names stay
out of the module it writes (which is committed) and of the dry run (which is pasted into tickets),
whether each value occurs once or on every row; and it never maps them into the published contact."""
from __future__ import annotations

import re

import pytest

from connectors.scaffold.dryrun import DryRun, _issue, render
from connectors.scaffold.headers import Sample
from connectors.scaffold.module import skeleton

STAFF = [("홍길동", "033-250-1234", "hong@kangwon.ac.kr"), ("김철수", "010-1234-5678", "cs.kim@kangwon.ac.kr"),
         ("이영희", "033 250 5678", "yh.lee@kangwon.ac.kr")]


def module_text(columns, rows, kind="service") -> str:
    return skeleton("trial_bio", "csv", kind, Sample(columns, rows), 'CsvFile("x.csv")', "trial").text


def rows_for(columns, staff, n=10):
    """n records; contact columns cycle through `staff` (so values repeat), a status column too."""
    rows = []
    for i in range(n):
        name, phone, mail = staff[i % len(staff)]
        cells = {"서비스번호": f"SV-{i:03}", "서비스명": f"분석 {i}", "사용여부": "YN"[i % 2],
                 "담당자": name, "담당자 연락처": phone, "연락처": phone, "E-mail": mail, "문의": f"{name} {phone}",
                 "비고": name, "진행구분": ("정기", "수시")[i % 2]}
        rows.append({c: cells[c] for c in columns})
    return rows


def personal_values(text: str) -> list[str]:
    found = [v for person in STAFF for v in person if v in text]
    return found + re.findall(r"0\d{1,2}[- ]\d{3,4}[- ]\d{4}|[\w.]+@[\w.]+", text)


@pytest.mark.parametrize("staff", [STAFF[:1], STAFF], ids=["one-person-on-every-row", "three-people"])
@pytest.mark.parametrize("column", ["담당자", "담당자 연락처", "연락처", "E-mail", "문의", "비고"])
def test_no_contact_value_is_printed_in_the_module(column, staff):
    columns = ["서비스번호", "서비스명", column, "진행구분"]
    text = module_text(columns, rows_for(columns, staff))
    assert personal_values(text) == []
    assert f'unmapped: "{column}"' in text or f'not mapped: "{column}"' in text   # listed, values not
    # The same module still shows a column of a few repeated ordinary words, to help map it.
    assert '# unmapped: "진행구분"  (values: 정기, 수시)' in text


def test_a_persons_phone_or_e_mail_is_not_guessed_as_the_organisations_contact():
    columns = ["서비스번호", "서비스명", "연락처", "E-mail", "담당자 연락처"]
    text = module_text(columns, rows_for(columns, STAFF))
    assert '"contact.' not in text
    assert text.count("(personal data: a staff member's name or contact stays out)") == 3
    org = module_text(["서비스번호", "서비스명", "대표전화"],
                      [{"서비스번호": "1", "서비스명": "분석", "대표전화": "033-250-0000"}])
    assert '("contact.phone", "대표전화"),' in org


def test_a_status_column_gets_its_words_and_a_trial_export_maps_fee_and_status():
    columns = ["서비스번호", "서비스명", "수수료(원)", "사용여부"]
    rows = [{"서비스번호": str(i), "서비스명": "분석", "수수료(원)": "50,000", "사용여부": v}
            for i, v in enumerate(["Y", "N", "예", "Y"])]
    text = module_text(columns, rows)
    assert '("fee", "수수료(원)", fee_document),' in text
    assert '("status", "사용여부", active_if("Y", "예", inactive=("N",))),' in text


def test_the_dry_run_never_quotes_a_phone_number_or_e_mail_address_from_an_issue():
    result = DryRun("trial_bio")
    _issue(result, ("status", "비고"),
           "x.csv, row 2: status: unknown status '033-250-1234 / hong@kangwon.ac.kr'; this source writes Y")
    text = render(result)
    assert "033-250-1234" not in text and "hong@" not in text
    assert "[phone number]" in text and "[e-mail address]" in text and "row 2" in text


def test_an_issue_of_a_staff_members_column_quotes_no_value():
    result = DryRun("trial_bio")
    _issue(result, ("center.ko", "담당자"), "x.csv, row 3: center: value '홍길동' is too long")
    text = render(result)
    assert "홍길동" not in text and "'[personal data]'" in text and "(column 담당자)" in text
