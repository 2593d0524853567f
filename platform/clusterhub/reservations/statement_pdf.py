"""The settlement statement (정산서) as PDF: fpdf2 (pure Python) with Debian's Noto Sans CJK KR
(fonts-noto-cjk; the Makefile installs it), subset into the file so it opens anywhere."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import Unavailable
from ..messages import N_
from . import bookings
from .settlement import Statement

FONT = Path(os.environ.get("CJK_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
KOREAN = 1  # the face of Noto Sans CJK KR in the collection (JP, KR, SC, TC, HK)
COLUMNS = (("예약", 14), ("장비", 58), ("일정", 44), ("이용", 36), ("금액(원)", 28))


def render(st: Statement, cluster_name: str, company_name: str) -> bytes:
    """One A4 page per 30 reservations: the lines, adjustments with reasons, the total, acceptance."""
    from fpdf import FPDF

    if not FONT.exists():
        raise Unavailable(N_("The statement cannot be made as PDF: the font %(font)s is missing "
                             "(install fonts-noto-cjk); the CSV works."), font=str(FONT))
    pdf = FPDF(format="A4")
    pdf.set_title(f"정산서 #{st.ticket.id}")
    pdf.add_font("noto", "", str(FONT), collection_font_number=KOREAN)
    pdf.add_page()
    pdf.set_font("noto", size=16)
    pdf.cell(0, 10, f"정산서 (Settlement statement) · 티켓 #{st.ticket.id}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("noto", size=10)
    pdf.cell(0, 6, f"클러스터: {cluster_name}    이용 기관: {company_name}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for title, width in COLUMNS:
        pdf.cell(width, 7, title, border=1)
    pdf.ln()
    for r, slots, use, name in st.rows:
        cells = (str(r.id), name[:30], bookings.describe(slots)[:28],
                 f"{use.hours:g}h {use.samples}건 {use.days}일", f"{use.total_krw:,}")
        for (_title, width), text in zip(COLUMNS, cells):
            pdf.cell(width, 7, text, border=1, align="R" if width == 28 else "L")
        pdf.ln()
        if use.adjustment_krw:
            pdf.cell(0, 6, f"  조정 {use.adjustment_krw:,}원: {use.adjustment_reason}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("noto", size=12)
    pdf.cell(sum(w for _t, w in COLUMNS[:-1]), 8, "합계 (Total)", border=1)
    pdf.cell(COLUMNS[-1][1], 8, f"{st.total_krw:,}", border=1, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("noto", size=10)
    if st.settled is not None:
        pdf.ln(2)
        pdf.cell(0, 6, f"승인: {st.settled.accepted_at:%Y-%m-%d %H:%M} UTC, {st.settled.total_krw:,}원",
                 new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
