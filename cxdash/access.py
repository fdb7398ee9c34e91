"""Who is acting: roles, the actor of the current run, and what each role may do.

The actor lives in a context variable that the UI sets at the start of every script run (each
browser session runs in its own thread), so the storage layer can refuse writes on the server side
whatever the page shows.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a user may do: respondents answer surveys, viewers read, editors work, admins manage."""

    RESPONDENT = "respondent"
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


RANK = {Role.RESPONDENT: 0, Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


@dataclass(frozen=True)
class Actor:
    """A user name and role; `local` is the single user of a workspace without logins."""

    name: str
    role: Role

    def may(self, needed: Role) -> bool:
        """Return whether this actor's role is at least the needed one."""
        if needed is Role.RESPONDENT:
            return True
        return RANK[self.role] >= RANK[needed]


LOCAL_ADMIN = Actor("local", Role.ADMIN)
CURRENT_ACTOR: ContextVar[Actor] = ContextVar("cxdash_actor", default=LOCAL_ADMIN)


def current_actor() -> Actor:
    """Return the actor of the current run (the local admin when nobody logged in)."""
    return CURRENT_ACTOR.get()
