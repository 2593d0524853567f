"""The connector contract: source records, settings, errors and the Connector base class."""
from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from .limits import DEFAULT as DEFAULT_LIMITS
from .limits import Limits


@dataclass(frozen=True)
class SourceRecord:
    """One native record as a reader found it, with where it was found."""

    location: str
    data: dict[str, Any]
    source_id: str | None = None


class ConnectorError(Exception):
    """Base of every connector error; str() says what was wrong and where."""

    def __init__(self, message: str, *, location: str | None = None, field: str | None = None,
                 source_id: str | None = None, code: str | None = None,
                 params: dict | None = None):
        super().__init__(message)
        self.message = message
        # What the message says as a code and its parameters (e.g. "sync.unknown_term",
        # {"vocabulary": ..., "term": ...}), for the platform to store and translate.
        self.code, self.params = code, params
        self.location = location
        self.field = field
        self.source_id = source_id

    def __str__(self) -> str:
        where = self.location or ""
        if self.source_id:
            where = f"{where} (id {self.source_id})" if where else f"id {self.source_id}"
        return ": ".join(part for part in (where, self.field, self.message) if part)

    def __reduce__(self):
        # The keyword-only arguments would be lost by Exception's default pickling (e.g. when a
        # sync runs in a worker process and sends its issues back).
        rebuild = functools.partial(type(self), location=self.location, field=self.field,
                                    source_id=self.source_id, code=self.code,
                                    params=self.params)
        return (rebuild, (self.message,))

    def to_dict(self) -> dict[str, str | None]:
        """The error as a per-record issue: error type, location, source id, field and message."""
        return {"error": type(self).__name__, "location": self.location,
                "source_id": self.source_id, "field": self.field, "message": self.message}


class SourceUnavailable(ConnectorError):
    """The source cannot be reached: network, timeout, HTTP 5xx after retries, file missing."""


class SourceFormatError(ConnectorError):
    """The source answered but its content is unreadable, malformed, hostile or looping."""


class SourceIncomplete(SourceFormatError):
    """The source ended before the count it reported itself (a short or empty page)."""


class SourceRejected(ConnectorError):
    """The remote API answered with an error (HTTP 4xx or an error result code)."""


class MappingError(ConnectorError):
    """One record cannot be mapped to the shared schema; the sync goes on without it."""


class UnknownConnector(ConnectorError):
    """No connector is registered under the requested name."""


@dataclass(frozen=True)
class SourceSettings:
    """Where a connector finds its source and how patient it is with it."""

    samples_dir: Path
    base_url: str | None = None
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    # Curators' mappings of this cluster's unknown words: {vocabulary: {word: code}}; TermMap
    # falls back on them, so a mapped word imports on the next sync without a code change.
    terms: Any = None
    # An API key the source wants in its URL (ZEUS): from the environment, never logged.
    api_key: str | None = field(default=None, repr=False)
    # Caps on files and pages (connectors/limits.py): a hostile export is refused, not read.
    limits: Limits = DEFAULT_LIMITS
    # The cluster's own source settings (the platform's per-cluster setting): its API's address
    # (replaces base_url/<code>), the paging parameters ("page", "size"; None, None: one request),
    # the page size and ZEUS's organisation filter. None: the connector's own choice.
    cluster_url: str | None = None
    paging: tuple[str | None, str | None] | None = None
    page_size: int | None = None
    organ: str | None = None

    def http_options(self) -> dict[str, Any]:
        """The keyword arguments the HTTP readers take: timeout, retries, backoff, limits."""
        return {"timeout": self.timeout, "retries": self.retries, "backoff": self.backoff,
                "limits": self.limits}

    def endpoint(self, path: str) -> str:
        """The absolute URL of an API path under base_url."""
        if not self.base_url:
            raise SourceUnavailable("no base_url is configured for this API connector",
                                    location=path)
        return f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"

    def cluster_endpoint(self, code: str, path: str = "") -> str:
        """The absolute URL of a cluster's API path: under cluster_url when the cluster has its own
        address, else under base_url/<code>."""
        if self.cluster_url:
            return f"{self.cluster_url.rstrip('/')}/{path.lstrip('/')}" if path else self.cluster_url
        return self.endpoint(f"{code}/{path}" if path else code)


class Connector(ABC):
    """One cluster's adapter: gather what to fetch, fetch native records, map each one."""

    code: ClassVar[str]
    source_format: ClassVar[str]

    def __init__(self, settings: SourceSettings):
        # Checked here rather than at class creation so abstract intermediate classes stay legal.
        for attribute in ("code", "source_format"):
            if not getattr(type(self), attribute, None):
                raise TypeError(f"{type(self).__name__} does not set the class attribute "
                                f"{attribute!r}")
        self.settings = settings

    @abstractmethod
    def gather(self) -> Iterable[Any]:
        """List what to fetch: files, or endpoints."""

    @abstractmethod
    def fetch(self, ref: Any) -> Iterator[SourceRecord]:
        """Read one gathered ref (I/O happens here)."""

    @abstractmethod
    def map(self, record: SourceRecord) -> dict:
        """Pure: one native record -> one shared-schema listing document; MappingError if bad."""

    def columns(self, record: SourceRecord) -> dict[str, str]:
        """Schema field -> the native column(s) it is mapped from, for this record ({} if unknown):
        how a sync issue names the source column as well as the schema field."""
        return {}

    def records(self) -> Iterator[SourceRecord]:
        """Every native record of the source, ref by ref."""
        for ref in self.gather():
            yield from self.fetch(ref)

    def describe(self) -> dict[str, Any]:
        """The connector's settings for display; subclasses add files, URLs or page sizes."""
        info: dict[str, Any] = {"code": self.code, "format": self.source_format,
                                "samples_dir": str(self.settings.samples_dir)}
        if self.settings.base_url:
            info.update(base_url=self.settings.base_url, timeout=self.settings.timeout,
                        retries=self.settings.retries, backoff=self.settings.backoff)
        return info
