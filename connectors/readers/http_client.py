"""What the API readers share: an HTTP client with timeouts and retries, and a paging guard."""
from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests

from ..base import SourceFormatError, SourceIncomplete, SourceRejected, SourceUnavailable
from ..limits import DEFAULT, Limits, size

# Query parameters whose values must never reach an error message or a sync-run record.
SECRET_PARAMS = frozenset({"servicekey", "apikey", "api_key", "key", "token", "access_token",
                           "client_secret", "password"})
# Cap on a server's Retry-After, so one answer cannot stall a sync for hours.
MAX_RETRY_AFTER = 30.0
EXCERPT_CHARS = 200


class _HideKeys(logging.Filter):
    """urllib3 logs each request's URL at DEBUG, a ZEUS key in its path with it: the keys of the
    clients open now are replaced by "{key}" before any handler sees the line."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: dict[str, int] = {}
        self.lock = threading.Lock()

    def hold(self, keys: tuple[str, ...], add: bool) -> None:
        with self.lock:
            for key in keys:
                self.keys[key] = self.keys.get(key, 0) + (1 if add else -1)
                if self.keys[key] <= 0:
                    del self.keys[key]

    def filter(self, record: logging.LogRecord) -> bool:
        keys = tuple(self.keys)
        if keys:
            text = record.getMessage()
            if any(k in text for k in keys):
                for key in keys:
                    text = text.replace(key, "{key}")
                record.msg, record.args = text, ()
        return True


HIDE_KEYS = _HideKeys()
logging.getLogger("urllib3.connectionpool").addFilter(HIDE_KEYS)


def redact(url: str) -> str:
    """The URL with the values of secret query parameters (serviceKey, token, ...) masked."""
    parts = urlsplit(url)
    query = [(k, "***" if k.lower() in SECRET_PARAMS else v)
             for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*/:")))


def full_url(url: str, params: Mapping[str, Any] | None) -> str:
    """The URL a GET with these query parameters requests."""
    try:
        return requests.Request("GET", url, params=dict(params or {})).prepare().url or url
    except requests.RequestException:
        # An unusable URL is reported by the request itself; this is only for messages.
        return f"{url}?{urlencode(dict(params or {}))}" if params else url


def excerpt(response: requests.Response) -> str:
    """The start of a response body, on one line, for error messages.

    Decoded as the Content-Type's charset says; without one (requests would guess ISO-8859-1
    for text/*, which turns Korean into mojibake) as UTF-8, else cp949, the encodings Korean
    servers send."""
    head = response.content[:EXCERPT_CHARS * 4]
    text = None
    for codec in (_declared_charset(response), "utf-8", "cp949"):
        if not codec:
            continue
        try:
            # The cut may split a character: ignore only an incomplete one at the very end.
            text = head.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3 and exc.reason.startswith(("unexpected end",
                                                                      "incomplete")):
                text = head[:exc.start].decode(codec, "replace")
            else:
                continue
        except LookupError:  # a charset name Python does not know
            continue
        break
    if text is None:
        text = head.decode("utf-8", "replace")
    text = " ".join(text.split())
    return text[:EXCERPT_CHARS] + ("..." if len(text) > EXCERPT_CHARS else "") or "(empty body)"


def _declared_charset(response: requests.Response) -> str | None:
    content_type = response.headers.get("Content-Type", "")
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(' "'):
            return value.strip(' "')
    return None


class HttpClient:
    """GET with a timeout, retrying connection errors, timeouts, 5xx and 429 with backoff.

    A body larger than limits.page_bytes (after gzip decoding) is refused while it streams in."""

    def __init__(self, *, timeout: float = 10.0, retries: int = 3, backoff: float = 0.5,
                 session: requests.Session | None = None,
                 headers: Mapping[str, str] | None = None, limits: Limits = DEFAULT,
                 secrets: tuple[str, ...] = ()):
        self.limits = limits
        self.timeout = timeout
        # Keys carried in a URL's path (ZEUS): never shown in a message or a location.
        self.secrets = tuple(s for s in secrets if s)
        HIDE_KEYS.hold(self.secrets, True)
        self.retries = max(0, retries)
        self.backoff = backoff
        self._own_session = session is None
        self.session = session or requests.Session()
        if self._own_session:
            self.session.headers["User-Agent"] = "ClusterHub-connector/0.1"
        self.session.headers.update(headers or {})

    def get(self, url: str, params: Mapping[str, Any] | None = None, *,
            where: str | None = None) -> requests.Response:
        """One GET; retries = how many times to try again after the first attempt fails."""
        shown = self.hide(redact(full_url(url, params)))
        where = where or self.hide(f"GET {urlsplit(url).path}")
        tries = self.retries + 1
        problem, detail = "", ""
        retry_after: str | None = None
        for attempt in range(tries):
            if attempt:
                time.sleep(self._delay(attempt, retry_after))
                retry_after = None
            try:
                response = self.session.get(url, params=params, timeout=self.timeout,
                                            stream=True)
                self._read_body(response, shown, where)
            except requests.Timeout:
                problem, detail = f"no answer within {self.timeout:g} s", ""
                continue
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                problem, detail = f"connection failed ({_reason(exc)})", ""
                continue
            except requests.RequestException as exc:
                # Invalid URL, bad scheme and the like: retrying cannot help.
                raise SourceUnavailable(f"cannot request {shown}: {exc}", location=where) from None
            status = response.status_code
            if status >= 500 or status == 429:
                problem, detail = f"HTTP {status} {response.reason}", excerpt(response)
                retry_after = response.headers.get("Retry-After")
                continue
            if status >= 400:
                raise SourceRejected(f"HTTP {status} {response.reason} from {shown}: "
                                     f"{excerpt(response)}", location=where)
            return response
        gave_up = f"gave up after {tries} {'try' if tries == 1 else 'tries'}"
        raise SourceUnavailable(f"{problem} from {shown} ({gave_up})"
                                + (f": {detail}" if detail else ""), location=where)

    def _read_body(self, response: requests.Response, shown: str, where: str) -> None:
        """Read the body into the response, refusing it past the page cap."""
        cap = self.limits.page_bytes
        declared = response.headers.get("Content-Length", "")
        try:
            if declared.isdigit() and int(declared) > cap:
                raise self._too_large(f"declares {size(int(declared))}", shown, where)
            body = bytearray()
            for chunk in response.iter_content(1 << 16):
                body += chunk
                if len(body) > cap:
                    raise self._too_large(f"is larger than {size(cap)}", shown, where)
        finally:
            response.close()
        response._content = bytes(body)  # what response.content returns from now on

    def _too_large(self, what: str, shown: str, where: str) -> SourceFormatError:
        return SourceFormatError(f"refused: the answer from {shown} {what} "
                                 f"(limit {size(self.limits.page_bytes)} a page)", location=where)

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay = self.backoff * 2 ** (attempt - 1)
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, min(float(retry_after), MAX_RETRY_AFTER))
        return delay

    def close(self) -> None:
        """Close the session if this client opened it."""
        HIDE_KEYS.hold(self.secrets, False)
        self.secrets = ()
        if self._own_session:
            self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


    def hide(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "{key}")
        return text


class PageGuard:
    """Stops runaway paging: a link back to a fetched page, a repeated page, too many pages."""

    def __init__(self, url: str, max_pages: int):
        self.url = redact(url)
        self.max_pages = max_pages
        self.pages = 0
        self._links: dict[str, int] = {}
        self._contents: dict[str, int] = {}

    def visit(self, link: str, where: str) -> None:
        """Count a page about to be fetched; refuse a link fetched before or one page too many."""
        if self.pages >= self.max_pages:
            raise SourceFormatError(f"more than {self.max_pages} pages from {self.url}; "
                                    "stopped in case the API pages forever", location=where)
        key = _normal(link)
        if key in self._links:
            raise SourceFormatError(
                f"page loop at {self.url}: the next link {redact(link)} points back to page "
                f"{self._links[key]}, which was already fetched", location=where)
        self.pages += 1
        self._links[key] = self.pages

    def items(self, ids: list[Any], where: str) -> None:
        """Refuse a page whose items (ids, or whole items) repeat an earlier page exactly."""
        digest = hashlib.sha256(json.dumps(ids, sort_keys=True, ensure_ascii=False,
                                           default=str).encode()).hexdigest()
        if digest in self._contents:
            raise SourceFormatError(
                f"page loop at {self.url}: page {self.pages} returned exactly the same items as "
                f"page {self._contents[digest]}; the API probably ignores the page parameter",
                location=where)
        self._contents[digest] = self.pages

    def complete(self, seen: int, total: int | None, where: str) -> None:
        """At the end of paging: refuse a read that stopped short of the source's own total.

        A page that comes back empty (or without a next link) before the reported total would
        otherwise end the read quietly, and the sync would withdraw what it never read."""
        if total is not None and seen < total:
            raise SourceIncomplete(
                f"source could not be read completely: read {seen:,} of {total:,} items "
                f"from {self.url}; page {self.pages} ended the listing before the total the "
                "source reported itself", location=where)


def _normal(link: str) -> str:
    parts = urlsplit(link)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(parts._replace(query=query, fragment=""))


def _reason(exc: Exception) -> str:
    # requests nests the useful reason (refused, reset, name resolution) inside urllib3's text.
    text = str(exc.args[0]) if exc.args else type(exc).__name__
    for marker in ("Failed to establish a new connection: ", "Caused by "):
        if marker in text:
            text = text.split(marker)[-1]
    return text.strip("()'\" ") or type(exc).__name__
