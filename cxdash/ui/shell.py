"""The app shell around every page: page config and the language switch."""

from __future__ import annotations

import streamlit as st

from cxdash import config
from cxdash.ui.context import lang, set_lang, t

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def configure_page() -> None:
    """Set the browser title, icon and wide layout."""
    st.set_page_config(page_title="cxdash", page_icon=":material/hub:", layout="wide")


def _on_language_change() -> None:
    set_lang(str(st.session_state["lang_picker"]))


def language_switch() -> None:
    """Show the sidebar language switch, bound to the session language."""
    current = lang()
    st.session_state.setdefault("lang_picker", current)
    st.sidebar.segmented_control(
        t("app.language"),
        options=list(config.LANGUAGES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key="lang_picker",
        on_change=_on_language_change,
    )
