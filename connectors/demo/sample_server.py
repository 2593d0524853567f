"""A local HTTP server for the API-type sample exports, with routes tests can add to inject faults.

Sample convention. Each API cluster folder connectors/demo/samples/<cluster>/ holds a manifest.json:

    {"format": "json_api" | "xml_api" | "zeus_api",
     "endpoints": {"<endpoint>": {"page_param": "page", "size_param": "size", "page_size": 100,
                                  "pages": 12, "ext": "json",
                                  "total": 1150, "empty_page": "empty.json"}}}

and the pre-rendered pages <cluster>/<endpoint>/page-0001.json, page-0002.json, ... (".xml" for
ext "xml"). Next links inside pages must be relative ("/<cluster>/<endpoint>?page=2&size=100"),
since the port is only known when the server starts. Only "pages" is required. Defaults by format: json_api page/size and ext json;
xml_api pageNo/numOfRows, ext xml; zeus_api page/pageSize, ext json, served on the real ZEUS
paths /<cluster>/api/eq/equips/{key} (list) and /<cluster>/api/eq/equips/{id}/{key} (detail,
from <cluster>/equipment/details.json). "total" (the item count) only feeds the
default empty page; "empty_page" names a file in the endpoint folder served for any page beyond
the last, else the format's own empty page ({"items": []}, an XML response with no items, or a
ZEUS envelope with no items). Cluster and endpoint names are letters, digits, "_", "-" or ".".

GET /<cluster>/<endpoint>?<page_param>=N[&<size_param>=page_size] answers page N (1 when
absent). A size other than page_size is a 400, since pages are pre-rendered at that size. Other
query parameters (serviceKey, ...) are ignored. GET / lists the endpoints. Anything else is 404.

Tests add routes: server.add_route("/x", handler), where handler(query: dict[str, str]) returns
(status, headers, body) with body bytes or str, or None to drop the connection unanswered.

Run it by hand with: python -m connectors.demo.sample_server --port 8765
"""
from __future__ import annotations

import argparse
import json
import re
import threading
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from ..readers.xml_api import render_page
from ..readers.zeus_api import zeus_page
from . import SAMPLES_DIR

NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
Reply = tuple[int, Mapping[str, str], bytes | str]
Handler = Callable[[dict[str, str]], Reply | None]
FORMATS = {
    "json_api": {"page_param": "page", "size_param": "size", "ext": "json"},
    "xml_api": {"page_param": "pageNo", "size_param": "numOfRows", "ext": "xml"},
    "zeus_api": {"page_param": "page", "size_param": "pageSize", "ext": "json"},
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


class SampleServer:
    """Serves sample API pages and extra routes on 127.0.0.1, in a background thread."""

    def __init__(self, samples_dir: str | Path | None = None, *, host: str = "127.0.0.1",
                 port: int = 0):
        self.samples_dir = Path(samples_dir) if samples_dir else SAMPLES_DIR
        self.routes: dict[str, Handler] = {}
        self._address = (host, port)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:41234 (the server must be started)."""
        if self._httpd is None:
            raise RuntimeError("the sample server is not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def add_route(self, path: str, handler: Handler) -> None:
        """Answer GET <path> (exact, without query) with handler(query); it overrides samples."""
        self.routes["/" + path.lstrip("/")] = handler

    def start(self) -> SampleServer:
        """Bind and serve in a daemon thread; returns self."""
        if self._httpd is None:
            self._httpd = ThreadingHTTPServer(self._address, _RequestHandler)
            self._httpd.daemon_threads = True
            self._httpd.app = self  # type: ignore[attr-defined]
            self._thread = threading.Thread(target=self._httpd.serve_forever,
                                            kwargs={"poll_interval": 0.05},
                                            name="sample-server", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            if self._thread is not None:
                self._thread.join()
            self._httpd = self._thread = None

    def __enter__(self) -> SampleServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def endpoints(self) -> list[str]:
        """The sample endpoints as "<cluster>/<endpoint>" paths."""
        found = []
        for manifest in sorted(self.samples_dir.glob("*/manifest.json")):
            for endpoint in _load_manifest(manifest).get("endpoints", {}):
                found.append(f"{manifest.parent.name}/{endpoint}")
        return found

    def answer(self, path: str, query: dict[str, str]) -> Reply | None:
        """The reply to GET path?query: an added route, a sample page, the index or a 404."""
        if path in self.routes:
            return self.routes[path](query)
        if path == "/":
            return _json_reply(200, {"endpoints": ["/" + e for e in self.endpoints()]})
        parts = path.strip("/").split("/")
        if len(parts) in (5, 6) and parts[1:4] == ["api", "eq", "equips"]:
            return self._zeus(parts[0], parts[4:], query)
        if len(parts) == 2 and all(NAME.match(p) for p in parts):
            return self._sample(parts[0], parts[1], query)
        return _json_reply(404, {"error": f"no such path: {path}"})

    def _zeus(self, cluster: str, rest: list[str], query: dict[str, str]) -> Reply:
        """The real ZEUS paths: list /api/eq/equips/{key}, detail /api/eq/equips/{id}/{key};
        any non-empty key is accepted; the sample endpoint is "equipment"."""
        if not NAME.match(cluster) or not rest[-1]:
            return _json_reply(404, {"error": "no such ZEUS path"})
        if len(rest) == 1:
            return self._sample(cluster, "equipment", query)
        details_file = self.samples_dir / cluster / "equipment" / "details.json"
        details = _load_manifest(details_file) if details_file.is_file() else {}
        if rest[0] not in details:
            return _json_reply(200, {"equip": None, "errors": [
                {"code": "E404", "message": f"no equipment {rest[0]}"}]})
        return _json_reply(200, {"equip": {"equipId": rest[0], **details[rest[0]]}, "errors": []})

    def _sample(self, cluster: str, endpoint: str, query: dict[str, str]) -> Reply:
        manifest_file = self.samples_dir / cluster / "manifest.json"
        manifest = _load_manifest(manifest_file) if manifest_file.is_file() else {}
        spec = manifest.get("endpoints", {}).get(endpoint)
        if spec is None:
            return _json_reply(404, {"error": f"no sample endpoint {cluster}/{endpoint}"})
        fmt = manifest.get("format", "json_api")
        spec = {**FORMATS.get(fmt, FORMATS["json_api"]), **spec}
        folder = self.samples_dir / cluster / endpoint
        try:
            page = int(query.get(spec["page_param"], "1"))
            size = int(query.get(spec["size_param"], spec.get("page_size", 0)))
        except ValueError:
            return _json_reply(400, {"error": "page and size must be whole numbers"})
        if spec.get("page_size") and size != spec["page_size"]:
            return _json_reply(400, {"error": f"these sample pages are rendered with "
                                              f"{spec['size_param']}={spec['page_size']}"})
        headers = {"Content-Type": CONTENT_TYPES.get(spec["ext"], "application/octet-stream")}
        if 1 <= page <= int(spec["pages"]):
            return 200, headers, (folder / f"page-{page:04d}.{spec['ext']}").read_bytes()
        if spec.get("empty_page"):
            return 200, headers, (folder / Path(spec["empty_page"]).name).read_bytes()
        return 200, headers, _empty_page(fmt, page, size, int(spec.get("total", 0)))


def _empty_page(fmt: str, page: int, size: int, total: int) -> bytes:
    if fmt == "xml_api":
        return render_page([], page_no=page, num_of_rows=size, total_count=total)
    if fmt == "zeus_api":
        return json.dumps(zeus_page([], page=page, page_size=size, total=total)).encode()
    return b'{"items": []}'


def _load_manifest(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _json_reply(status: int, payload: dict) -> Reply:
    return (status, {"Content-Type": CONTENT_TYPES["json"]},
            json.dumps(payload, ensure_ascii=False).encode("utf-8"))


class _RequestHandler(BaseHTTPRequestHandler):
    server_version = "ClusterHubSamples/0.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        split = urlsplit(self.path)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        try:
            reply = self.server.app.answer(split.path, query)  # type: ignore[attr-defined]
        except Exception as exc:  # a broken sample must show as a 500, not a hung client
            reply = _json_reply(500, {"error": f"{type(exc).__name__}: {exc}"})
        if reply is None:
            self.close_connection = True
            return
        status, headers, body = reply
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:
        # Quiet by default: the test output and the CLI would drown in access lines.
        pass


def main(argv: list[str] | None = None) -> int:
    """Serve the samples until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m connectors.demo.sample_server",
                                     description="Serve the API sample exports over HTTP.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--samples", type=Path, default=SAMPLES_DIR)
    args = parser.parse_args(argv)
    server = SampleServer(args.samples, host=args.host, port=args.port).start()
    print(f"Serving {args.samples} at {server.url}", flush=True)
    for endpoint in server.endpoints():
        print(f"  {server.url}/{endpoint}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
