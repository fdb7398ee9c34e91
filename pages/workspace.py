"""Workspace: back up and restore the whole workspace, and see what it holds."""

import tempfile
from pathlib import Path

import streamlit as st

from cxdash import config
from cxdash.access import Role
from cxdash.backup import AUTO_PREFIX, create_backup, restore_backup
from cxdash.errors import CxDashError
from cxdash.storage.backup import record_backup, table_fingerprints
from cxdash.ui.auth import require_role
from cxdash.ui.context import show_error, store, t

KEEP = 7

store()
require_role(Role.ADMIN)
st.title(t("workspace.title"))
st.caption(t("workspace.caption"))
st.text(t("workspace.path", path=str(config.db_path())))

tables = table_fingerprints(store())
st.subheader(t("workspace.tables"))
st.dataframe(
    {t("workspace.table"): list(tables), t("workspace.rows"): [r for r, _ in tables.values()]},
    hide_index=True,
    key="workspace_tables",
)

st.subheader(t("workspace.backup_header"))
if st.button(t("workspace.backup_button"), key="backup_now", icon=":material/backup:"):
    try:
        made = create_backup(store(), config.backup_dir())
        record_backup(store(), made.name, len(tables))
        st.session_state["last_backup"] = str(made)
        st.success(t("backup.created", path=made.name))
    except CxDashError as err:
        show_error(err)
if last := st.session_state.get("last_backup"):
    made_path = Path(last)
    if made_path.exists():
        st.download_button(
            t("workspace.download"),
            data=made_path.read_bytes(),
            file_name=made_path.name,
            mime="application/zip",
            key="backup_download",
        )

st.subheader(t("workspace.restore_header"))
upload = st.file_uploader(t("workspace.restore_upload"), type=["zip"], key="restore_file")
agreed = st.checkbox(t("workspace.restore_confirm"), key="restore_confirm")
if st.button(t("workspace.restore_button"), key="restore_now", disabled=not (upload and agreed)):
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "backup.zip"
        local.write_bytes(upload.getvalue())
        try:
            info = restore_backup(store(), local)
            rows = sum(info.tables.values())
            st.success(
                t("backup.restored", created_at=info.created_at, tables=len(info.tables), rows=rows)
            )
            st.cache_data.clear()
        except CxDashError as err:
            show_error(err)

st.subheader(t("workspace.auto_header"))
st.caption(t("workspace.auto_caption", keep=KEEP, folder=str(config.backup_dir())))
autos = sorted(config.backup_dir().glob(f"{AUTO_PREFIX}*.zip"), reverse=True)
if autos:
    st.dataframe({"file": [p.name for p in autos]}, hide_index=True, key="auto_backups")
else:
    st.info(t("workspace.no_backups"))
