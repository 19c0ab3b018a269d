"""Files of attached documents: what a file is (by its content, not its name), and where it
lies on disk (under settings.WELZIJN_DOCUMENT_ROOT, outside the web root, under a random name).

Accepted: PDF, PNG, JPEG, and the office formats DOCX and ODT (a zip archive that says
what it is inside: `word/document.xml` with its content types, or ODF's `mimetype` entry).
The name's extension must agree with the content, so a PNG called `brief.pdf` is refused.
"""

import hashlib
import os
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

#: content type -> (label for messages, extensions a file of that type may carry)
ACCEPTED = {
    "application/pdf": ("PDF-document", (".pdf",)),
    "image/png": ("PNG-afbeelding", (".png",)),
    "image/jpeg": ("JPEG-afbeelding", (".jpg", ".jpeg")),
    DOCX: ("Word-document (DOCX)", (".docx",)),
    ODT: ("OpenDocument-tekst (ODT)", (".odt",)),
}
ACCEPTED_EXTENSIONS = sorted({ext for _, exts in ACCEPTED.values() for ext in exts})
NAME_MAX_LENGTH = 200
_CHUNK = 64 * 1024


def _error(message: str) -> ValidationError:
    return ValidationError({"file": message})


def clean_name(name: str) -> str:
    """The uploaded name as we keep it: its last path component (any separator), without
    control characters, at most NAME_MAX_LENGTH characters (keeping the extension)."""
    last = PureWindowsPath(PurePosixPath(name or "").name).name
    last = "".join(c for c in last if unicodedata.category(c)[0] != "C").strip().strip(".")
    if len(last) > NAME_MAX_LENGTH:
        stem, ext = os.path.splitext(last)
        last = stem[: NAME_MAX_LENGTH - len(ext)] + ext
    if not last:
        raise _error("Het bestand heeft geen bruikbare naam.")
    return last


def _zip_type(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size < 100
                and archive.read("mimetype").decode("ascii", "replace").strip() == ODT
            ):
                return ODT
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def detect_type(file) -> str | None:
    """The content type of the file by its first bytes, or None when it is none we accept."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        found = _zip_type(file)
        file.seek(0)
        return found
    return None


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def check_file(file, name: str) -> CheckedFile:
    """Size, type by content, and a name whose extension agrees with it; else a Dutch
    message on the field `file`."""
    limit = settings.WELZIJN_DOCUMENT_MAX_BYTES
    size = file.size
    if size == 0:
        raise _error("Het bestand is leeg.")
    if size > limit:
        raise _error(
            f"Het bestand is te groot ({filesizeformat(size)}); "
            f"het mag hoogstens {filesizeformat(limit)} zijn."
        )
    name = clean_name(name)
    content_type = detect_type(file)
    if content_type is None:
        raise _error(
            "Dit bestandstype wordt niet aanvaard: alleen PDF, PNG, JPEG, DOCX of ODT "
            "(gecontroleerd op de inhoud, niet op de naam)."
        )
    label, extensions = ACCEPTED[content_type]
    if os.path.splitext(name)[1].lower() not in extensions:
        raise _error(
            f"De naam '{name}' past niet bij de inhoud: het bestand is een {label} "
            f"(verwacht {' of '.join(extensions)})."
        )
    return CheckedFile(name, content_type, size)


def document_root() -> Path:
    return Path(settings.WELZIJN_DOCUMENT_ROOT)


def path_of(storage_name: str) -> Path:
    """Where a stored file lies; storage names are our own hex ids, never a user's input."""
    if not storage_name.isalnum():
        raise ValueError("ongeldige opslagnaam")
    return document_root() / storage_name[:2] / storage_name


def store(file) -> tuple[str, str]:
    """Write the file under a new random name; (storage name, sha256 of the content)."""
    storage_name = secrets.token_hex(16)
    target = path_of(storage_name)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    partial = target.with_suffix(".part")
    file.seek(0)
    with open(partial, "xb") as out:
        os.chmod(partial, 0o600)
        for chunk in iter(lambda: file.read(_CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    os.replace(partial, target)
    return storage_name, digest.hexdigest()


def discard(storage_name: str) -> None:
    """Remove a file whose database row was never written (the upload failed)."""
    path_of(storage_name).unlink(missing_ok=True)
