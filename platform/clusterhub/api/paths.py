"""The pieces every operation of the OpenAPI document is built from: references to the marshmallow
schemas, JSON answers and bodies, id parameters, the session security and the refusals it gives.
openapi.py, the *_doc.py modules and the feature packages' API modules all use these."""
from __future__ import annotations

SESSION = [{"session": []}]  # the security schemes of openapi.SECURITY_SCHEMES
SESSION_AND_CSRF = [{"session": [], "csrf": []}]
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}  # the `id` URL converter's range


def ref(name: str) -> dict:
    """A reference to the component schema registered under name."""
    return {"$ref": f"#/components/schemas/{name}"}


def answer(schema: dict, description: str) -> dict:
    """A JSON response with schema."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def body(name: str) -> dict:
    """A required JSON request body: the schema registered under name."""
    return {"required": True, "content": {"application/json": {"schema": ref(name)}}}


def path_id(name: str, kind: str = "integer", example=None) -> dict:
    """A path parameter: an integer id (the `id` converter's range) or another kind of string."""
    out = {"name": name, "in": "path", "required": True, "schema": ID if kind == "integer" else {"type": kind}}
    return out if example is None else {**out, "example": example}


ERROR = ref("Error")
DENIED = {"401": answer(ERROR, "Not signed in (unauthorized)"), "403": answer(ERROR, "Not yours to see or change"),
          "404": answer(ERROR, "No such request or ticket")}
CSRF_FAILED = {"400": answer(ERROR, "csrf_failed: the X-CSRF-Token header is missing or not this "
                                    "session's token; bad_request: a NUL character or JSON nested too deep")}
INVALID = {"422": answer(ERROR, "Invalid fields, each named")}
