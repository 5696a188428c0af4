"""Facilitator accounts in the database: finding and adding them (the password rules and
the hasher are the login page's; this module only finds and stores)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import User


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def user_by_login(session: Session, login: str) -> User | None:
    return session.scalar(select(User).where(User.login == login))


def add_user(session: Session, name: str, login: str, password_hash: str) -> User:
    """A new account, flushed so it has its id. The caller commits."""
    user = User(name=name, login=login, password_hash=password_hash)
    session.add(user)
    session.flush()
    return user


def user_count(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0
