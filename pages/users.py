"""Users and roles: adding the first user turns logging in on."""

import streamlit as st

from cxdash.access import Role
from cxdash.auth import MIN_PASSWORD_LENGTH, hash_password
from cxdash.errors import CxDashError, InvalidInput
from cxdash.storage.users import deactivate_user, list_users, save_user, users_configured
from cxdash.ui.auth import require_role
from cxdash.ui.context import show_error, store, t

ROLES = [Role.VIEWER, Role.EDITOR, Role.ADMIN]

store()
require_role(Role.ADMIN)
st.title(t("users.title"))
st.caption(t("users.caption"))

people = list_users(store())
if people.empty:
    st.info(t("users.none"))
else:
    shown = people.assign(role=[t(f"role.{r}") for r in people["role"]])
    st.dataframe(shown, hide_index=True, key="users_table")

st.subheader(t("users.add_header"))
with st.form("user_form", clear_on_submit=True):
    name = st.text_input(t("login.name"), key="user_name")
    display = st.text_input(t("users.display_name"), key="user_display")
    email = st.text_input(t("users.email"), key="user_email")
    role = st.selectbox(
        t("users.role"), ROLES, format_func=lambda r: t(f"role.{r}"), key="user_role"
    )
    password = st.text_input(t("users.password_hint"), type="password", key="user_password")
    submitted = st.form_submit_button(t("users.save"))


def _check(name: str, role: Role, password: str) -> None:
    existing = set(people["name"]) if not people.empty else set()
    if not users_configured(store()) and role is not Role.ADMIN:
        raise InvalidInput("users.first_admin")
    if (password or name not in existing) and len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("users.password_short", n=MIN_PASSWORD_LENGTH)


if submitted:
    try:
        _check(name.strip(), role, password)
        hashed = hash_password(password) if password else None
        save_user(store(), name.strip(), role, hashed, display_name=display, email=email)
        st.success(t("users.saved", name=name.strip()))
    except CxDashError as err:
        show_error(err)

if not people.empty:
    active = people.loc[people["active"], "name"].tolist()
    who = st.selectbox(t("login.name"), active, key="deactivate_name")
    if st.button(t("users.deactivate"), key="deactivate_user", disabled=not active):
        try:
            deactivate_user(store(), who)
            st.success(t("users.deactivated", name=who))
        except CxDashError as err:
            show_error(err)
