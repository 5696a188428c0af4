"""A facilitator's own formats (`own_formats`, migration 0008): saved, listed, read.

The documents are checked by the format loader before they come here; the store keeps
them by owner and slug, and a slug saved again replaces the document (the facilitator
improves their format from evening to evening)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import OwnFormat, utcnow


def save_own_format(session: Session, owner_id: int, slug: str, document: dict) -> OwnFormat:
    """Keep `document` as the owner's format `slug`, replacing one of that slug."""
    row = own_format(session, owner_id, slug)
    if row is None:
        row = OwnFormat(owner_id=owner_id, slug=slug, document=document)
        session.add(row)
    else:
        row.document = document
        row.saved_at = utcnow()
    session.flush()
    return row


def own_formats_of(session: Session, owner_id: int) -> list[OwnFormat]:
    """The owner's formats by slug."""
    return list(session.scalars(select(OwnFormat).where(OwnFormat.owner_id == owner_id)
                                .order_by(OwnFormat.slug)))


def own_format(session: Session, owner_id: int, slug: str) -> OwnFormat | None:
    return session.scalars(select(OwnFormat).where(OwnFormat.owner_id == owner_id,
                                                   OwnFormat.slug == slug)).first()


def delete_own_format(session: Session, owner_id: int, slug: str) -> bool:
    """Remove the owner's format `slug`; False when they have none of that name. The
    evenings made from it keep their own copies (docs/formats.md)."""
    row = own_format(session, owner_id, slug)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
