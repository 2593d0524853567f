"""POST /api/v1/clusters/<code>/listings: a cluster pushes a batch of shared-schema documents."""
from __future__ import annotations

from flask import jsonify

from ..auth import csrf, require_cluster_token
from ..errors import Invalid
from ..messages import N_
from ..sync import service
from . import bodies, bp

MODES = ("partial", "full")


@bp.post("/clusters/<code>/listings")
@csrf.exempt  # authenticated by the bearer token, never by the session cookie
def push_listings(code: str):
    # 401 without a live token; 403 for another cluster's token or one without catalog:publish.
    require_cluster_token(code)
    body = bodies.read(bodies.PushBody, N_("The body must be a JSON object: {\"listings\": [...], "
                                          "\"mode\": \"partial\"}."))
    mode = body["mode"]
    if mode not in MODES:
        raise Invalid(N_("mode must be one of %(modes)s."),
                      [{"path": "mode", "message": N_("got %(mode)s"), "params": {"mode": repr(mode)}}],
                      modes=", ".join(MODES))
    report = service.push_batch(code, body["listings"], full=mode == "full", dry_run=body["dry_run"],
                                allow_mass_withdrawal=body["allow_mass_withdrawal"])
    payload = {"run_id": report.run_id, "cluster": code, "outcome": report.outcome,
               "message": report.message, "counts": report.counts,
               "issues": [i.as_dict() for i in report.issues]}
    return jsonify(payload), 409 if report.outcome == "stopped" else 200
