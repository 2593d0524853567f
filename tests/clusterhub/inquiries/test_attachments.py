"""Attachments of the wrong type or size are refused with a message naming the file and the limit."""
from __future__ import annotations

import io

import pytest

from clusterhub.errors import Invalid
from clusterhub.inquiries.attachments import MAX_BYTES, Upload, check
from tests.clusterhub.inquiries.conftest import EQUIPMENT, signed_in

PDF = b"%PDF-1.7\n" + b"x" * 100


def test_accepted_types_pass():
    assert [(n, t) for n, t, _d in check([Upload("견적요청.pdf", PDF), Upload("a.png", b"\x89PNG....")])] == [
        ("견적요청.pdf", "application/pdf"), ("a.png", "image/png")]


@pytest.mark.parametrize("upload, words", [
    (Upload("setup.exe", b"MZ..."), ["setup.exe", "PDF, XLSX, DOCX, PNG or JPG"]),
    (Upload("big.pdf", b"%PDF" + b"0" * MAX_BYTES), ["big.pdf", "10 MB"]),
    (Upload("fake.pdf", b"MZ not a pdf"), ["fake.pdf", "not a PDF"]),
])
def test_wrong_type_size_or_content_is_refused_by_name(upload, words):
    with pytest.raises(Invalid) as caught:
        check([upload])
    message = caught.value.errors[0]["message"]
    assert all(w in message for w in words), message


def test_the_request_form_refuses_a_wrong_file_and_keeps_the_basket(world):
    member = signed_in(world, "member")
    token = member.environ_base["HTTP_X_CSRF_TOKEN"]
    assert member.post("/basket/add", data={"listing_id": EQUIPMENT, "csrf_token": token}).status_code == 303
    form = {"csrf_token": token, "need": "분석", "timeline": "6월", "budget": "undecided", "consent": "1"}
    r = member.post("/requests", content_type="multipart/form-data",
                    data={**form, "attachments": (io.BytesIO(b"MZ"), "tool.exe")})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "tool.exe: 받지 않는 파일 형식입니다. PDF, XLSX, DOCX, PNG, JPG 파일을 보내세요." in html
    r = member.post("/requests", content_type="multipart/form-data",
                    data={**form, "attachments": (io.BytesIO(PDF), "spec.pdf")})
    assert r.status_code == 303
    page = member.get(r.headers["Location"]).get_data(as_text=True)
    assert "spec.pdf" in page
    link = page.split('href="/attachments/')[1].split('"')[0]
    assert member.get(f"/attachments/{link}").data == PDF
    assert signed_in(world, "rival").get(f"/attachments/{link}").status_code == 403
    assert signed_in(world, "operator_a").get(f"/attachments/{link}").data == PDF
    assert signed_in(world, "operator_b").get(f"/attachments/{link}").status_code == 403


def test_the_basket_survives_logging_in_to_send_it_and_not_logging_out(world):
    """A visitor collects listings first and logs in when sending: the login keeps the basket
    (the session is otherwise new), and logging out empties it on a shared computer."""
    from tests.clusterhub.auth.browser import csrf_token, log_in
    from tests.clusterhub.inquiries.conftest import PASSWORD

    visitor = world.test_client()
    token = csrf_token(visitor)  # the login page's form carries the anonymous session's token
    assert visitor.post("/basket/add", data={"listing_id": EQUIPMENT, "csrf_token": token}).status_code == 303
    assert log_in(visitor, "member@example.org", PASSWORD).status_code == 302
    page = visitor.get("/basket").get_data(as_text=True)
    assert EQUIPMENT in page
    visitor.post("/logout", data={"csrf_token": csrf_token(visitor, "/basket")})
    assert EQUIPMENT not in visitor.get("/basket").get_data(as_text=True)
