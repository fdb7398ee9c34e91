"""cxdash router: page config, login, language switch, and the navigation of the loop's sections."""

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.ui.auth import ANONYMOUS, login_gate, resolve_actor
from cxdash.ui.context import daily_backup, show_error
from cxdash.ui.nav import build_navigation
from cxdash.ui.shell import configure_page, language_switch

configure_page()
actor = resolve_actor()
language_switch()
position = "hidden" if actor == ANONYMOUS else "sidebar"
page = st.navigation(build_navigation(actor), position=position, expanded=True)
login_gate(actor, page.url_path)
daily_backup()
try:
    page.run()
except CxDashError as err:
    # A refusal the page did not handle itself (for example a viewer pressing a save button)
    # is still shown translated, never as a stack trace.
    show_error(err)
