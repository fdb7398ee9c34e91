"""Taxonomy: the versioned tree of problem and need categories, and the touchpoint list."""

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.storage.taxonomy import (
    current_version,
    list_versions,
    load_taxonomy,
    save_taxonomy,
    save_touchpoints,
)
from cxdash.storage.touchpoints import list_touchpoints
from cxdash.taxonomy import BUILTINS, builtin_taxonomy, depth, import_csv, level_counts
from cxdash.ui.auth import can_write
from cxdash.ui.classify_widgets import taxonomy_editor
from cxdash.ui.context import show_error, store, t

st.title(t("taxonomy.title"))
st.caption(t("taxonomy.caption"))
workspace = store()
version = current_version(workspace)
tax = load_taxonomy(workspace)

if "tax_saved" in st.session_state:
    st.success(t("taxonomy.loaded", version=st.session_state.pop("tax_saved")))

with st.expander(t("taxonomy.start"), expanded=version is None):
    cols = st.columns(len(BUILTINS))
    for col, name in zip(cols, BUILTINS, strict=True):
        if col.button(
            t(f"taxonomy.builtin_{name}"), key=f"builtin_{name}", disabled=not can_write()
        ):
            saved = save_taxonomy(workspace, builtin_taxonomy(name), "builtin", name)
            st.session_state["tax_saved"] = saved
            st.rerun()
    upload = st.file_uploader(t("taxonomy.csv"), type=["csv"], key="tax_csv")
    if upload is not None and st.button(
        t("taxonomy.csv_import"), key="tax_csv_import", disabled=not can_write()
    ):
        try:
            imported = import_csv(upload.getvalue())
            st.session_state["tax_saved"] = save_taxonomy(workspace, imported, "csv", upload.name)
            st.rerun()
        except CxDashError as err:
            show_error(err)

if version is None:
    st.info(t("classify.no_taxonomy"), icon=":material/account_tree:")
    st.stop()

st.subheader(t("taxonomy.tree"))
levels = " · ".join(
    t("taxonomy.level_count", level=level, count=count)
    for level, count in level_counts(tax).items()
)
st.caption(t("taxonomy.version", version=version, count=len(tax)) + f" · {levels}")
shown = tax.assign(level=[depth(tax, k) for k in tax["key"]])
columns = ["level", "key", "parent", "name_zh", "name_en", "keywords", "pattern", "touchpoint"]
st.dataframe(
    shown[columns],
    hide_index=True,
    width="stretch",
    key="tax_tree",
    column_config={c: t(f"taxonomy.columns.{c}") for c in columns},
)

st.subheader(t("taxonomy.edit"))
taxonomy_editor(workspace, tax)

with st.expander(t("taxonomy.versions")):
    st.dataframe(list_versions(workspace), hide_index=True, width="stretch")

st.subheader(t("taxonomy.touchpoints"))
st.caption(t("taxonomy.touchpoints_help"))
points = list_touchpoints(workspace, active_only=False)
edited = st.data_editor(
    points,
    num_rows="dynamic" if can_write() else "fixed",
    disabled=not can_write(),
    hide_index=True,
    key="tp_editor",
)
if st.button(t("taxonomy.touchpoints_save"), key="tp_save", disabled=not can_write()):
    keys = edited["key"].fillna("").astype(str).str.strip()
    names_ok = edited[["name_zh", "name_en"]].notna().all(axis=None)
    if (keys == "").any() or keys.duplicated().any() or not names_ok:
        st.error(t("taxonomy.bad_touchpoints"))
    else:
        st.success(t("taxonomy.touchpoints_saved", count=save_touchpoints(workspace, edited)))
