"""Audit log: who changed what and when, filterable and exportable."""

import streamlit as st

from cxdash.access import Role
from cxdash.export import export_bytes
from cxdash.storage.audit import list_audit
from cxdash.ui.auth import require_role
from cxdash.ui.context import store, t

store()
require_role(Role.ADMIN)
st.title(t("audit.title"))
st.caption(t("audit.caption"))

entries = list_audit(store(), limit=5000)
if entries.empty:
    st.info(t("audit.empty"))
    st.stop()

everyone = t("audit.all")
cols = st.columns(3)
chosen = {
    field: cols[i].selectbox(
        t(f"audit.{field}"),
        [everyone, *sorted(entries[field].dropna().unique())],
        key=f"audit_{field}",
    )
    for i, field in enumerate(("actor", "action", "entity"))
}
filters = {field: value for field, value in chosen.items() if value != everyone}
shown = list_audit(store(), limit=5000, **filters)
st.dataframe(shown, hide_index=True, key="audit_table")
csv = export_bytes(iter([shown]), "csv")
st.download_button(t("audit.export"), csv, "cxdash-audit.csv", "text/csv", key="audit_export")
