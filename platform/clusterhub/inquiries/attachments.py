"""Attachments of a request: a few document and image types, 10 MB each at most."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from ..errors import Invalid
from ..messages import N_

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
TYPES = {".pdf": "application/pdf",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
# The first bytes each type must start with, so a renamed executable is refused too.
MAGIC = {".pdf": b"%PDF", ".xlsx": b"PK\x03\x04", ".docx": b"PK\x03\x04",
         ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def check(uploads: list[Upload]) -> list[tuple[str, str, bytes]]:
    """(safe name, content type, data) of each upload; Invalid names each refused file and why."""
    errors, out = [], []
    uploads = [u for u in uploads if u.filename]
    if len(uploads) > MAX_FILES:
        errors.append({"path": "attachments", "message": N_("Attach at most %(n)d files."),
                       "params": {"n": MAX_FILES}})
    for u in uploads:
        name = PurePath(u.filename.replace("\\", "/")).name[:200] or "file"
        ext = PurePath(name).suffix.lower()
        if ext not in TYPES:
            errors.append({"path": "attachments", "params": {"name": name}, "message":
                           N_("%(name)s: this file type is not accepted; send PDF, XLSX, DOCX, PNG or JPG.")})
        elif len(u.data) > MAX_BYTES:
            errors.append({"path": "attachments", "params": {"name": name, "mb": len(u.data) / 1024 / 1024},
                           "message": N_("%(name)s: %(mb).1f MB is over the limit of 10 MB per file.")})
        elif not u.data.startswith(MAGIC[ext]):
            errors.append({"path": "attachments", "params": {"name": name, "type": ext[1:].upper()},
                           "message": N_("%(name)s: the content is not a %(type)s file.")})
        else:
            out.append((name, TYPES[ext], u.data))
    if errors:
        raise Invalid(N_("Some attachments were refused."), errors)
    return out
