"""Reading a CSV file of data cards, prepared in a spreadsheet before the evening.

What a facilitator's spreadsheet saves varies: Excel in a Dutch locale writes `;`
between fields and often a byte-order mark, LibreOffice and Google Sheets write `,`.
So the separator is read from the header line and a BOM is dropped. The columns are
named in Dutch or English (`stap`/`step`, `tekst`/`text`, `bron`/`source`, docs/formats.md);
steps are counted from 1, as the console shows them.

Every problem is reported with the line it is on, all of them at once, and the caller
imports nothing while there is any: a half-imported file is harder to put right than a
refused one. Pure Python: the page reads the upload, the rule adds the cards.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ..board.checks import ascii_digits
from ..board.errors import DomainError
from ..board.text import clean_text as text_rule
from ..formats.types import Format
from .data_cards import MAX_IMPORT, checked_data_card

COLUMNS = {"stap": "step", "step": "step", "tekst": "text", "text": "text",
           "bron": "source", "source": "source"}
REQUIRED = {"step": "stap/step", "text": "tekst/text"}  # and how a problem names them


@dataclass(frozen=True)
class CsvCard:
    """One row of the file: its line (from 1, the header is line 1) and its fields;
    `step` is counted from 1, as the facilitator wrote it."""

    line: int
    step: int
    text: str
    source: str


@dataclass(frozen=True)
class RowProblem:
    """What is wrong on `line` (0: the file as a whole): a code and what its message
    needs, worded by the page in the reader's language."""

    line: int
    code: str
    params: dict = field(default_factory=dict)


def read_csv(raw: bytes) -> tuple[list[CsvCard], list[RowProblem]]:
    """The file's cards, and its problems (none when it can be imported as it is)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowProblem(0, "csv_not_utf8")]
    header_line = text.split("\n", 1)[0]
    separator = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        return _read_rows(reader)
    except csv.Error:
        return [], [RowProblem(reader.line_num, "csv_unreadable")]


def _read_rows(reader) -> tuple[list[CsvCard], list[RowProblem]]:
    header = next(reader, None)
    if header is None:
        return [], [RowProblem(0, "csv_empty")]
    names = [" ".join(name.split()).lower() for name in header]
    problems = [RowProblem(1, "csv_unknown_column", {"column": name})
                for name in names if name and name not in COLUMNS]
    columns = [COLUMNS.get(name) for name in names]
    problems += [RowProblem(1, "csv_missing_column", {"column": shown})
                 for wanted, shown in REQUIRED.items() if wanted not in columns]
    if problems:
        return [], problems
    cards: list[CsvCard] = []
    line = reader.line_num + 1
    for row in reader:
        cards_or_problem = _card(row, columns, line)
        if isinstance(cards_or_problem, RowProblem):
            problems.append(cards_or_problem)
        elif cards_or_problem is not None:
            cards.append(cards_or_problem)
        line = reader.line_num + 1
    if not cards and not problems:
        problems.append(RowProblem(0, "csv_empty"))
    if len(cards) > MAX_IMPORT:
        problems.append(RowProblem(0, "too_many_data_cards", {"limit": MAX_IMPORT}))
    return cards, problems


def _card(row: list[str], columns: list[str | None], line: int) -> CsvCard | RowProblem | None:
    """One row as a card, its problem, or None for an empty row (a spreadsheet's gap)."""
    if not any(value.strip() for value in row):
        return None
    if len(row) > len(columns) and any(value.strip() for value in row[len(columns):]):
        return RowProblem(line, "csv_too_many_fields", {"count": len(columns)})
    # the text rule the service applies to every command, so the lengths checked here
    # are the lengths the import's rule will see (a UTF-8 text has no lone surrogate)
    values = {name: text_rule(row[i]) if i < len(row) else ""
              for i, name in enumerate(columns) if name}
    step = values["step"].strip()
    if not ascii_digits(step) or int(step) < 1:
        return RowProblem(line, "csv_bad_step", {"value": step[:20]})
    return CsvCard(line, int(step), values["text"], values.get("source", ""))


def check_against(fmt: Format, cards: list[CsvCard]) -> list[RowProblem]:
    """Each card checked as the import's rule will check it, with the card's line: the
    step exists and takes data cards, the text and source are not too long or empty."""
    problems = []
    for card in cards:
        try:
            checked_data_card(fmt, card.step - 1, card.text, card.source)
        except DomainError as refused:
            problems.append(RowProblem(card.line, refused.code,
                                       {**refused.params, "step": card.step}))
    return problems


def as_command_cards(cards: list[CsvCard]) -> list[dict]:
    """The `cards` argument of `import_data_cards`: steps counted from 0, as on the wire."""
    return [{"step": card.step - 1, "text": card.text, "source": card.source}
            for card in cards]
