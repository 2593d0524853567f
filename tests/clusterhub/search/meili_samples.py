"""Index documents of each kind for the Meilisearch request tests."""
from clusterhub.search.document import index_document
from tests.schemas.samples import equipment, expert, service


def documents():
    return [
        index_document("kmedihub:equipment:EQ-0100", equipment(), updated_at="2025-03-05T10:00:00"),
        index_document("kbiohealth:service:SV-0012", service(), updated_at="2025-01-02"),
        index_document("kbiohealth:expert:EX-007", expert(), updated_at=None),
        index_document("kmedihub:equipment:EQ.9_x", equipment(source_id="EQ.9_x"),
                       status="withdrawn"),
    ]
