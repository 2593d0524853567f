"""Meilisearch's OpenAPI document for tests: strict request checks and documented responses."""
from __future__ import annotations

import copy
import json
import os
import re
import threading
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[3]
# shared/ sits beside the checkout (CI's clone and /work/main alike); MEILI_OPENAPI overrides.
SPEC = next((p for p in (Path(os.environ.get("MEILI_OPENAPI", "/nonexistent")),
                         ROOT.parent / "shared" / "reference" / "meilisearch-openapi.json",
                         Path("/work/shared/reference/meilisearch-openapi.json")) if p.exists()),
            ROOT.parent / "shared" / "reference" / "meilisearch-openapi.json")
BASE = "urn:meilisearch-openapi"
SCHEMAS = "/components/schemas/"

# Where the document disagrees with the engine. AttributePatterns (`facets` in search queries)
# is `#[serde(transparent)]` over Vec<String> in milli and deserialised from a plain array, but
# utoipa documents the wrapper struct as {"patterns": [...]}; the engine rejects that object.
ERRATA = {"AttributePatterns": {"type": "array", "items": {"type": "string"}}}


def _pointer(*parts: str) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


def _close_objects(node, in_all_of: bool = False) -> None:
    """Forbid unlisted properties everywhere (the engine rejects unknown fields)."""
    if isinstance(node, list):
        for item in node:
            _close_objects(item, in_all_of)
        return
    if not isinstance(node, dict):
        return
    open_keys = ("additionalProperties", "patternProperties", "unevaluatedProperties")
    # An allOf member may lack a property its sibling lists, so only the members stay open.
    if "properties" in node and not in_all_of and not any(k in node for k in open_keys):
        node["additionalProperties"] = False
    for key, value in node.items():
        if key == "allOf":
            _close_objects(value, in_all_of=True)
        elif key in ("properties", "patternProperties", "$defs"):
            _close_objects(list(value.values()))  # a map of names to schemas, not a schema
        elif key not in ("example", "examples", "default", "enum", "const"):
            _close_objects(value)


class OpenAPI:
    """The document with a loose registry (responses) and a strict one (request bodies)."""

    def __init__(self, path: Path = SPEC):
        self.doc = json.loads(Path(path).read_text(encoding="utf-8"))
        self.original = copy.deepcopy(self.doc)
        for name, schema in ERRATA.items():
            self.doc["components"]["schemas"][name] = schema
        strict = copy.deepcopy(self.doc)
        _close_objects(strict)
        self._registries = {
            False: Registry().with_resource(BASE, DRAFT202012.create_resource(self.doc)),
            True: Registry().with_resource(BASE, DRAFT202012.create_resource(strict)),
        }
        self._templates = []
        for template in self.doc["paths"]:
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
            self._templates.append((re.compile(f"^{pattern}$"), template))

    # -- lookup --------------------------------------------------------------------------

    def template(self, method: str, path: str) -> str:
        """The documented path template for a concrete path (literal segments win)."""
        path = path.split("?", 1)[0]
        if not path.startswith("/"):
            path = "/" + path
        found = [t for rx, t in self._templates
                 if rx.match(path) and method.lower() in self.doc["paths"][t]]
        if not found:
            raise KeyError(f"{method} {path} is not a documented operation")
        return min(found, key=lambda t: t.count("{"))

    def operation(self, method: str, path: str) -> dict:
        return self.doc["paths"][self.template(method, path)][method.lower()]

    def example(self, method: str, path: str, status: int | str):
        """A copy of the documented example answer of an operation."""
        response = self.operation(method, path)["responses"][str(status)]
        return copy.deepcopy(response["content"]["application/json"]["example"])

    # -- validation ----------------------------------------------------------------------

    def _errors(self, ref: str, instance, strict: bool) -> list[str]:
        validator = Draft202012Validator({"$ref": BASE + "#" + ref},
                                         registry=self._registries[strict],
                                         format_checker=FormatChecker())
        out = []
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(body)"
            detail = "; ".join(sorted({e.message for e in error.context or ()}))
            out.append(f"{where}: {error.message}" + (f" [{detail}]" if detail else ""))
        return out

    def schema_errors(self, name: str, instance, *, strict: bool = False) -> list[str]:
        """Errors of an instance against a named component schema."""
        return self._errors(SCHEMAS + name, instance, strict)

    def request_errors(self, method: str, path: str, body, query: dict | None = None) -> list[str]:
        """Errors of a request: its JSON body (strictly) and its query parameter names."""
        template = self.template(method, path)
        op = self.doc["paths"][template][method.lower()]
        allowed = {p["name"] for p in op.get("parameters", []) if p.get("in") == "query"}
        out = [f"query: unknown parameter {name!r}" for name in (query or {}) if name not in allowed]
        request_body = op.get("requestBody")
        if request_body is None:
            if body is not None:
                out.append("(body): this operation takes no body")
            return out
        ref = _pointer("paths", template, method.lower(), "requestBody", "content",
                       "application/json", "schema")
        return out + self._errors(ref, body, strict=True)

    def response_errors(self, method: str, path: str, status: int, body) -> list[str]:
        """Errors of an answer against the operation's documented response schema (loosely)."""
        template = self.template(method, path)
        responses = self.doc["paths"][template][method.lower()]["responses"]
        if str(status) not in responses:
            return [f"status {status} is not documented for {method} {template}"]
        content = responses[str(status)].get("content", {}).get("application/json")
        if content is None or "schema" not in content:
            return []
        ref = _pointer("paths", template, method.lower(), "responses", str(status), "content",
                       "application/json", "schema")
        return self._errors(ref, body, strict=False)


_API: OpenAPI | None = None


def api() -> OpenAPI:
    """The document, loaded once per test session."""
    global _API
    if _API is None:
        _API = OpenAPI()
    return _API


# -- a local Meilisearch stand-in ------------------------------------------------------------

@dataclass
class Call:
    method: str
    path: str
    query: dict
    body: object
    auth: str


def _error(api_: OpenAPI, code: str, message: str, kind: str = "invalid_request") -> dict:
    body = api_.example("GET", "/indexes/x", 404)  # the documented ResponseError shape
    body.update(message=message, code=code, type=kind,
                link=f"https://docs.meilisearch.com/errors#{code}")
    return body


class FakeMeilisearch:
    """An HTTP server on 127.0.0.1 that answers like Meilisearch 1.53 with the documented
    examples, keeps just enough index state for the backend's lifecycle, and checks every
    request and answer against the document (problems are collected, not raised in the thread)."""

    def __init__(self, api_: OpenAPI):
        self.api = api_
        self.calls: list[Call] = []
        self.problems: list[str] = []
        self.indexes: dict[str, dict] = {}       # uid -> {"primaryKey", "docs", "settings"}
        self.tasks: dict[int, dict] = {}
        self.fail: dict[str, dict] = {}          # task type -> ResponseError of its next run
        self.stuck: set[str] = set()             # task types that never finish
        self.indexing = False                    # isIndexing in index stats
        self.keys = [api_.example("GET", "/keys", 200)["results"][0]]
        self.search = self._empty_results        # body -> answer (or (status, answer))
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def bodies(self, method: str, template: str) -> list:
        """Bodies of the recorded calls to one documented operation."""
        return [c.body for c in self.calls
                if c.method == method and self.api.template(method, c.path) == template]

    # -- routing ---------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: dict, body, auth: str) -> tuple[int, object]:
        with self._lock:
            self.calls.append(Call(method, path, query, body, auth))
            try:
                template = self.api.template(method, path)
            except KeyError as exc:
                self.problems.append(str(exc))
                return 404, _error(self.api, "bad_request", str(exc))
            self.problems += [f"{method} {path}: {e}"
                              for e in self.api.request_errors(method, path, body, query)]
            status, answer = self._route(method, template, path.strip("/").split("/"), query, body)
            # The route documents only the federated 200 answer; the per-query form the
            # backend uses is the SearchResults component of the same document.
            problems = (self.api.schema_errors("SearchResults", answer)
                        if (template, status) == ("/multi-search", 200)
                        else self.api.response_errors(method, path, status, answer))
            self.problems += [f"answer to {method} {path}: {e}" for e in problems]
            return status, answer

    def _route(self, method, template, parts, query, body):
        uid = parts[1] if len(parts) > 1 else None
        if template == "/tasks/{task_id}":
            return 200, self.tasks[int(parts[1])]
        if template == "/indexes" and method == "POST":
            return self._enqueue(method, template, "indexCreation", body["uid"], body)
        if template == "/indexes/{index_uid}":
            if uid not in self.indexes:
                return 404, _error(self.api, "index_not_found", f"Index `{uid}` not found.")
            if method == "DELETE":
                return self._enqueue(method, template, "indexDeletion", uid, None)
            view = self.api.example("GET", template, 200)
            view.update(uid=uid, primaryKey=self.indexes[uid]["primaryKey"])
            return 200, view
        if template == "/indexes/{index_uid}/settings":
            return self._enqueue(method, template, "settingsUpdate", uid, body)
        if template == "/indexes/{index_uid}/documents":
            return self._enqueue(method, template, "documentAdditionOrUpdate", uid,
                                 {"docs": body, "primaryKey": query.get("primaryKey")})
        if template == "/indexes/{index_uid}/documents/delete-batch":
            return self._enqueue(method, template, "documentDeletion", uid, body)
        if template == "/indexes/{index_uid}/documents/{document_id}":
            doc = self.indexes.get(uid, {}).get("docs", {}).get(parts[3])
            if uid not in self.indexes:
                return 404, _error(self.api, "index_not_found", f"Index `{uid}` not found.")
            if doc is None:
                return 404, _error(self.api, "document_not_found", f"Document `{parts[3]}` not found.")
            return 200, doc
        if template == "/indexes/{index_uid}/stats":
            if uid not in self.indexes:
                return 404, _error(self.api, "index_not_found", f"Index `{uid}` not found.")
            stats = self.api.example("GET", template, 200)
            stats.update(numberOfDocuments=len(self.indexes[uid]["docs"]), isIndexing=self.indexing)
            return 200, stats
        if template == "/swap-indexes":
            return self._enqueue(method, template, "indexSwap", None, body)
        if template == "/keys" and method == "GET":
            page = self.api.example("GET", template, 200)
            page.update(results=self.keys, total=len(self.keys), limit=int(query.get("limit", 20)))
            return 200, page
        if template == "/keys" and method == "POST":
            key = self.api.example("POST", template, 201)
            key.update({k: body[k] for k in ("name", "description", "actions", "indexes",
                                               "expiresAt") if k in body})
            key.update(key=f"search-key-{len(self.keys)}", uid=str(uuid.uuid4()))
            self.keys.append(key)
            return 201, key
        if template == "/multi-search":
            answer = self.search(body)
            return answer if isinstance(answer, tuple) else (200, answer)
        return 501, _error(self.api, "bad_request", f"the fake does not serve {method} {template}")

    # -- tasks -----------------------------------------------------------------------------

    def _enqueue(self, method, template, kind, uid, payload):
        info = self.api.example(method, template, 202)
        task_uid = len(self.tasks)
        info.update(taskUid=task_uid, indexUid=uid, status="enqueued", type=kind)
        task = self.api.example("GET", "/tasks/0", 200)
        task.update(uid=task_uid, indexUid=uid, type=kind, enqueuedAt=info["enqueuedAt"])
        if kind in self.stuck:
            task.update(status="processing", duration=None)
            del task["finishedAt"]
        else:
            error = self.fail.pop(kind, None) or self._apply(kind, uid, payload)
            task.update(status="failed" if error else "succeeded", error=error)
        self.tasks[task_uid] = task
        return 202, info

    def _apply(self, kind, uid, payload) -> dict | None:
        """Change the state like the engine would; an error dict when the task fails."""
        idx = self.indexes
        missing = _error(self.api, "index_not_found", f"Index `{uid}` not found.")
        if kind == "indexCreation":
            if uid in idx:
                return _error(self.api, "index_already_exists", f"Index `{uid}` already exists.")
            idx[uid] = {"primaryKey": payload.get("primaryKey"), "docs": {}, "settings": {}}
        elif kind == "indexDeletion":
            idx.pop(uid)
        elif kind == "settingsUpdate":
            idx.setdefault(uid, {"primaryKey": None, "docs": {}, "settings": {}})
            idx[uid]["settings"].update(payload)
        elif kind == "documentAdditionOrUpdate":
            index = idx.setdefault(uid, {"primaryKey": None, "docs": {}, "settings": {}})
            index["primaryKey"] = index["primaryKey"] or payload["primaryKey"]
            for doc in payload["docs"]:
                index["docs"][str(doc[index["primaryKey"]])] = doc
        elif kind == "documentDeletion":
            if uid not in idx:
                return missing
            for key in payload:
                idx[uid]["docs"].pop(key, None)
        elif kind == "indexSwap":
            for swap in payload:
                a, b = swap["indexes"]
                if swap.get("rename"):
                    if a not in idx or b in idx:
                        return _error(self.api, "invalid_swap_indexes", f"cannot rename `{a}` to `{b}`")
                    idx[b] = idx.pop(a)
                elif a not in idx or b not in idx:
                    return _error(self.api, "index_not_found", f"Indexes `{a}`, `{b}` not found.")
                else:
                    idx[a], idx[b] = idx[b], idx[a]
        return None

    @staticmethod
    def _empty_results(body: dict) -> dict:
        return {"results": [result_for(q) for q in body["queries"]]}


def result_for(query: dict, hits: list | None = None, facets: dict | None = None,
               total: int | None = None) -> dict:
    """A documented-shape search result for one query: page mode when it asked for pages."""
    hits = list(hits or [])
    total = len(hits) if total is None else total
    out = {"indexUid": query["indexUid"], "hits": hits, "query": query.get("q") or "",
           "processingTimeMs": 2}
    if "page" in query or "hitsPerPage" in query:
        per_page = query.get("hitsPerPage", 20)
        out.update(page=query.get("page", 1), hitsPerPage=per_page, totalHits=total,
                   totalPages=-(-total // per_page) if per_page else 0)
    else:
        out.update(limit=query.get("limit", 20), offset=query.get("offset", 0),
                   estimatedTotalHits=total)
    if "facets" in query:
        out["facetDistribution"] = {f: dict((facets or {}).get(f, {})) for f in query["facets"]}
        out["facetStats"] = {}
    return out


def _handler(fake: FakeMeilisearch):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw.strip() else None
            query = dict(parse_qsl(split.query))
            status, answer = fake.handle(self.command, split.path, query, body,
                                         self.headers.get("Authorization", ""))
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        def log_message(self, *args):  # keep the test output clean
            pass

    return Handler
