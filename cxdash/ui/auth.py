"""The login gate: who this session is, the login form, and the sidebar's signed-in line."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from cxdash.access import CURRENT_ACTOR, LOCAL_ADMIN, Actor, Role
from cxdash.auth import actor_for_email, authenticate
from cxdash.errors import CxDashError, PermissionDenied
from cxdash.storage.users import find_user, users_configured
from cxdash.ui.context import show_error, store, t

ANONYMOUS = Actor("anonymous", Role.RESPONDENT)
PUBLIC_PAGES = frozenset({"respond"})
SESSION_KEY = "actor"


def sso_configured() -> bool:
    """Return whether the deployment configured OIDC single sign-on in its secrets."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, AttributeError):
        return False


def _session_actor() -> Actor:
    if not users_configured(store()):
        return LOCAL_ADMIN
    kept = st.session_state.get(SESSION_KEY)
    if isinstance(kept, Actor) and kept is not LOCAL_ADMIN and find_user(store(), name=kept.name):
        return kept
    if sso_configured() and getattr(st.user, "is_logged_in", False):
        try:
            found = actor_for_email(store(), str(st.user.get("email", "")))
            st.session_state[SESSION_KEY] = found
            return found
        except CxDashError as err:
            show_error(err)
    st.session_state.pop(SESSION_KEY, None)
    return ANONYMOUS


def resolve_actor() -> Actor:
    """Bind this run to the session's user (local admin without users, else anonymous)."""
    current = _session_actor()
    CURRENT_ACTOR.set(current)
    return current


def require_role(needed: Role) -> None:
    """Stop the page with a translated refusal unless the session's user holds the role."""
    current = CURRENT_ACTOR.get()
    if not current.may(needed):
        show_error(PermissionDenied("auth.not_allowed", user=current.name, role=str(current.role)))
        st.stop()


def _login_form() -> None:
    st.title(t("login.title"))
    st.caption(t("login.caption"))
    with st.form("login_form"):
        name = st.text_input(t("login.name"), key="login_name")
        password = st.text_input(t("login.password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("login.submit"))
    if submitted:
        try:
            st.session_state[SESSION_KEY] = authenticate(store(), name, password, datetime.now())
            st.rerun()
        except CxDashError as err:
            show_error(err)
    if sso_configured():
        st.button(t("login.sso"), key="login_sso", on_click=st.login)


def _logout() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if sso_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()


def login_gate(actor: Actor, url_path: str) -> None:
    """Show the login form instead of a private page for anonymous sessions; else who is in."""
    if actor == ANONYMOUS and url_path not in PUBLIC_PAGES:
        _login_form()
        st.stop()
    if actor not in (ANONYMOUS, LOCAL_ADMIN):
        role = t(f"role.{actor.role}")
        st.sidebar.caption(t("login.signed_in", name=actor.name, role=role))
        st.sidebar.button(t("login.logout"), key="logout", on_click=_logout)


def can_write(needed: Role = Role.EDITOR) -> bool:
    """Return whether this run's user may write; pages disable write controls when not.

    A courtesy only: the storage layer checks the role again on every write.
    """
    return CURRENT_ACTOR.get().may(needed)
