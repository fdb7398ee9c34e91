"""Per-run context for pages: the workspace store, the language and translated text."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from cxdash import config, i18n
from cxdash.backup import auto_backup
from cxdash.errors import CxDashError
from cxdash.storage import Store, open_store

LANG_KEY = "lang"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# GFM turns bare URLs and e-mail addresses into links even when escaped; a word joiner
# (U+2060, invisible) after the scheme or before the @ keeps them plain text.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp|www)(?=[:.])|(?=@)")
WORD_JOINER = "\u2060"


@st.cache_resource(show_spinner=False)
def _open_store(path: str) -> Store:
    return open_store(path)


def _leave_legacy_pages_mode() -> None:
    # Until st.navigation has run once in the process, Streamlit treats pages/ as a legacy
    # multipage folder and runs a deep-linked page script without app.py (so without the login
    # gate and the shell). `python -m cxdash.ui.serve` switches that mode off before the first
    # request; this covers a plain `streamlit run app.py`: switch it off and rerun through app.py.
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def store() -> Store:
    """Return the workspace store for this run; stop the page when it cannot be opened."""
    _leave_legacy_pages_mode()
    try:
        opened = _open_store(str(config.db_path()))
    except CxDashError as err:
        show_error(err)
        st.stop()
        raise
    return opened


def daily_backup(keep: int = 7) -> None:
    """Make the workspace's automatic backup once per session when today's is missing."""
    if st.session_state.get("_daily_backup_checked"):
        return
    st.session_state["_daily_backup_checked"] = True
    try:
        auto_backup(store(), config.backup_dir(), keep=keep)
    except (CxDashError, OSError):
        st.toast(t("workspace.auto_failed"), icon=":material/warning:")


def _browser_language() -> str | None:
    locale = getattr(st.context, "locale", None)
    code = (locale or "")[:2].lower()
    return code if code in config.LANGUAGES else None


_last_language = config.default_language()


def lang() -> str:
    """Return the language of this session: ?lang=, then the browser locale, then CXDASH_LANG."""
    global _last_language
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        # Outside a script run (a widget's format_func replayed by a test harness) there is no
        # session: use the language of the latest run.
        return _last_language
    if LANG_KEY not in st.session_state:
        asked = str(st.query_params.get("lang", ""))[:2].lower()
        chosen = asked if asked in config.LANGUAGES else _browser_language()
        st.session_state[LANG_KEY] = chosen or config.default_language()
    _last_language = str(st.session_state[LANG_KEY])
    return _last_language


def set_lang(code: str) -> None:
    """Switch this session's language and keep it in the URL."""
    if code in config.LANGUAGES:
        st.session_state[LANG_KEY] = code
        st.query_params["lang"] = code


def t(key: str, **params: Any) -> str:
    """Return the message for key in the session's language."""
    return i18n.translate(key, lang(), **params)


def label(prefix: str, value: object) -> str:
    """Return the display label of a stored value (channel, segment, …) in the session language."""
    return i18n.label(prefix, value, lang())


def show_error(err: CxDashError) -> None:
    """Show a core error translated, as plain text."""
    st.error(t(err.key, **err.params), icon=":material/error:")


def inert(text: object) -> str:
    """Return user text with every Markdown character escaped and no autolink, for labels.

    GitHub Flavored Markdown spec, section 6.9 "Autolinks (extension)".
    """
    unlinked = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, str(text))
    return _MARKDOWN.sub(r"\\\1", unlinked)
