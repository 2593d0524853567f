"""The shared schema of ClusterHub: listing documents, cluster records and vocabularies."""
from .cluster import ClusterSchema, load_clusters
from .document import DocumentError, FieldError, content_hash, load
from .listing import KINDS, SCHEMAS, EquipmentSchema, ExpertSchema, ServiceSchema, global_id

__all__ = [
    "ClusterSchema", "DocumentError", "EquipmentSchema", "ExpertSchema", "FieldError", "KINDS",
    "SCHEMAS", "ServiceSchema", "content_hash", "global_id", "load", "load_clusters",
]
