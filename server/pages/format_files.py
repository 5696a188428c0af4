"""A format uploaded as a TOML file of the `sessions/` schema, checked before anything
uses it: by "Avond aanpassen" to replace an evening's copy, and by "Mijn draaiboeken" to
keep it as the facilitator's own format (docs/formats.md, "As a TOML file").

One check for both pages, so a file refused on one is refused on the other in the same
words: at most 64 KB, UTF-8, valid TOML (a syntax error named by its line and column) and
a format the `sessions/` loader takes (any other mistake named by its step and field).
The caller changes nothing until the check has passed.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from ..domain.formats.document import format_from_toml
from ..domain.formats.types import Format, FormatError
from ..i18n.format_strings import file_mistake

MAX_TOML_BYTES = 64 * 1024  # the longest shipped format is 5 KB


class FileRefused(Exception):
    """The file cannot be used; `lines` say why, in the reader's language."""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self.lines = lines


@dataclass(frozen=True)
class UploadedFile:
    """The bytes of a chosen file and its name without folder and `.toml`."""

    raw: bytes
    stem: str


def uploaded_file(upload: FileStorage | None) -> UploadedFile:
    """The file the form sent, read up to one byte past the limit (so a large file is not
    read whole); FileRefused when none was chosen, it is empty or too large."""
    raw = upload.read(MAX_TOML_BYTES + 1) if upload is not None and upload.filename else b""
    if upload is None or not raw or len(raw) > MAX_TOML_BYTES:
        raise FileRefused([_("Choose a TOML file of at most 64 KB.")])
    name = (upload.filename or "").rsplit("/", 1)[-1]
    return UploadedFile(raw, name[:-5] if name.lower().endswith(".toml") else name)


def checked_format(file: UploadedFile, slug: str) -> tuple[Format, dict]:
    """The file's format (under `slug`) and its document, checked by the `sessions/`
    loader; FileRefused listing every mistake when it is not UTF-8 or not a format."""
    try:
        text = file.raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileRefused([_("The file is not a text file (UTF-8).")]) from error
    try:
        return format_from_toml(slug, text)
    except FormatError as error:
        raise FileRefused([_("Nothing was changed. The file has these mistakes:"),
                           *(file_mistake(line) for line in error.errors)]) from error
