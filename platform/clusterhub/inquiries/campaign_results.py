"""The results of a survey campaign: response rate, counts per answer, means, NPS, texts, CSV rows."""
from __future__ import annotations

from sqlmodel import Session, select

from .models import SurveyCampaign, SurveyInvitation, SurveyResponse


def nps(scores: list[int]) -> int | None:
    """Net promoter score: % promoters (9–10) minus % detractors (0–6); None without answers."""
    if not scores:
        return None
    return round(100 * (sum(v >= 9 for v in scores) - sum(v <= 6 for v in scores)) / len(scores))


def summary(s: Session, campaign: SurveyCampaign) -> dict:
    invitations = list(s.exec(select(SurveyInvitation).where(SurveyInvitation.campaign_id == campaign.id)))
    responses = list(s.exec(select(SurveyResponse).where(SurveyResponse.campaign_id == campaign.id)
                            .order_by(SurveyResponse.id)))
    answered = sum(i.answered_at is not None for i in invitations)
    out = {"invited": len(invitations), "answered": answered,
           "rate": round(100 * answered / len(invitations)) if invitations else None, "questions": []}
    for q in campaign.questions:
        values = [r.answers[q["id"]] for r in responses if q["id"] in r.answers]
        row = {"q": q, "n": len(values), "counts": [], "mean": None, "nps": None, "texts": []}
        if q["kind"] == "text":
            row["texts"] = values
        else:
            scale = {"likert": [(str(v), v) for v in range(1, 6)], "nps": [(str(v), v) for v in range(0, 11)],
                     "choice": [(o["ko"], i) for i, o in enumerate(q["options"])]}[q["kind"]]
            row["counts"] = [(label, sum(v == value for v in values)) for label, value in scale]
            if q["kind"] in ("likert", "nps") and values:
                row["mean"] = round(sum(values) / len(values), 1)
            if q["kind"] == "nps":
                row["nps"] = nps(values)
        out["questions"].append(row)
    return out


def csv_rows(s: Session, campaign: SurveyCampaign) -> tuple[list[str], list[list]]:
    """One row per response (no e-mail: responses are kept apart from invitations); choices by label."""
    header = ["response", "answered_at"] + [f'{q["id"]} {q["ko"]}' for q in campaign.questions]
    rows = []
    for r in s.exec(select(SurveyResponse).where(SurveyResponse.campaign_id == campaign.id)
                    .order_by(SurveyResponse.id)):
        cells = []
        for q in campaign.questions:
            v = r.answers.get(q["id"], "")
            cells.append(q["options"][v]["ko"] if q["kind"] == "choice" and v != "" else v)
        rows.append([r.id, r.created_at.isoformat(), *cells])
    return header, rows
