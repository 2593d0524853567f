"""Search as you type fetches a results fragment per pause in typing: those are not the user's
searches and stay out of the search log (the gap report); a search the user submits (Enter or a
chosen suggestion, which the script marks submitted=1) is logged once."""
import sqlalchemy as sa

from tests.clusterhub.web.conftest import catalog_app, web  # noqa: F401  (shared fixtures)
from clusterhub import db
from clusterhub.inquiries import search_log
from clusterhub.inquiries.models import SearchLog


def _logged(app) -> list[str]:
    search_log.flush(db.engine(app))  # searches are written in batches
    with app.app_context(), db.session() as s:
        return [r[0] for r in s.exec(sa.select(SearchLog.query).where(SearchLog.query.like("organoid%")))]


def test_keystrokes_are_not_logged_but_a_submitted_search_is(catalog_app, web):
    for typed in ("organoid", "organoid c", "organoid cul"):
        assert web.get("/search", query_string={"q": typed, "partial": "1"}).status_code == 200
    assert _logged(catalog_app) == []
    r = web.get("/search", query_string={"q": "organoid culture", "partial": "1", "submitted": "1"})
    assert r.status_code == 200 and 'class="results-head"' in r.get_data(as_text=True)
    assert _logged(catalog_app) == ["organoid culture"]

