"""URLs a page builds many times, without url_for's routing work on each call.

url_for costs ~50 µs (endpoint lookup, URL defaults, converters, the map's builder); a search
page built ~35 URLs: the chrome's links, 20 cards, the tabs, the pager. A URL that depends only
on its endpoint, its values and the request's script root (ProxyFix's X-Forwarded-Prefix) is the
same string on every request, so it is worked out once per process; a listing's URL is the
listings.show prefix plus the id quoted as werkzeug's default converter quotes it, and a search
URL is the page's path plus the query string werkzeug's builder would append.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import has_request_context, request, url_for
from werkzeug.datastructures import iter_multi_items

MEMO_MAX = 2000  # URLs remembered per process (the chrome and the tabs need a few dozen)
_memo: dict[tuple, str] = {}
# werkzeug.routing.converters.BaseConverter.to_url and werkzeug.urls._urlencode's safe sets
PATH_SAFE = "!$&'()*+,/:;=@"
QUERY_SAFE = "!$'()*,/:;?@"


def link(endpoint: str, **values: str) -> str:
    """url_for(endpoint, **values) (string values only), remembered per process and script root."""
    if not has_request_context():  # e.g. a page rendered by a job: url_for knows the server name
        return url_for(endpoint, **values)
    key = (request.script_root, endpoint, *sorted(values.items()))
    try:
        return _memo[key]
    except KeyError:
        pass
    url = url_for(endpoint, **values)
    if len(_memo) < MEMO_MAX:
        _memo[key] = url
    return url


def listing_url(listing_id: str) -> str:
    """url_for("listings.show", listing_id=listing_id), from the remembered prefix."""
    return link("listings.show", listing_id="_")[:-1] + quote(str(listing_id), safe=PATH_SAFE)


def with_query(endpoint: str, args, **values: str) -> str:
    """url_for(endpoint, **values, **args.to_dict(flat=False)) for a MultiDict of query arguments
    (none of them a path variable of the endpoint)."""
    query = urlencode([item for item in iter_multi_items(args) if item[1] is not None], safe=QUERY_SAFE)
    base = link(endpoint, **values)
    return f"{base}?{query}" if query else base


def search_url(args) -> str:
    """The search page with these query arguments."""
    return with_query("search.page", args)


def register(app) -> None:
    app.jinja_env.globals.update(link=link, listing_url=listing_url, with_query=with_query,
                                 search_url=search_url)
