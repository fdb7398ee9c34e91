"""cxdash router: page config, language switch, and the navigation of the loop's sections."""

import streamlit as st

from cxdash.ui.context import bind_actor, daily_backup
from cxdash.ui.nav import build_navigation
from cxdash.ui.shell import configure_page, language_switch

configure_page()
bind_actor()
language_switch()
daily_backup()
st.navigation(build_navigation()).run()
