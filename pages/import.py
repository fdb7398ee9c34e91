"""Import: upload a file, map its columns, validate, import; add one item by hand; undo a batch."""

import streamlit as st

from cxdash.errors import CxDashError
from cxdash.ingest.pipeline import commit, prepare_manual, prepare_table
from cxdash.storage.batches import list_batches, save_template, undo_batch
from cxdash.ui import importer
from cxdash.ui.auth import can_write
from cxdash.ui.context import show_error, store, t

st.title(t("nav.import"))
st.caption(t("import.ui.caption"))
done = st.session_state.pop(importer.DONE, None)
if done:
    st.success(done, icon=":material/check_circle:")

tab_file, tab_manual, tab_history = st.tabs(
    [t("import.ui.tab_file"), t("import.ui.tab_manual"), t("import.ui.tab_history")]
)


def file_tab() -> None:
    """Upload → preview → mapping → validate → import."""
    upload = importer.take_upload()
    if upload is None:
        st.info(t("import.ui.empty"), icon=":material/upload_file:")
        return
    table = importer.read_table_once(upload)
    if table is None:
        return
    importer.describe_table(table)
    options = importer.mapping_form(table)
    name_col, save_col = st.columns([3, 1], vertical_alignment="bottom")
    name = name_col.text_input(t("import.ui.template_name"), key="import_template_name")
    if save_col.button(
        t("import.ui.template_save"), key="import_template_save", disabled=not can_write()
    ):
        if not name.strip():
            st.warning(t("import.template_name_missing"))
        else:
            save_template(store(), name.strip(), {"fields": options.mapping})
            st.toast(t("import.ui.template_saved", name=name.strip()))
    signature = (
        upload["sha"],
        tuple(sorted((options.mapping or {}).items())),
        options.channel,
        options.rating_max,
    )
    if st.button(t("import.ui.validate"), key="import_validate", type="primary"):
        try:
            prepared = prepare_table(store(), table, upload["name"], upload["sha"], options)
            st.session_state[importer.PREPARED] = (signature, prepared)
        except CxDashError as err:
            show_error(err)
    kept = st.session_state.get(importer.PREPARED)
    if not kept or kept[0] != signature:
        return
    prepared = kept[1]
    importer.show_report(prepared)
    skip = False
    if not prepared.report.clean:
        skip = st.checkbox(t("import.ui.skip_bad"), key="import_skip_bad")
    ready = prepared.report.clean or skip
    if st.button(t("import.ui.import"), key="import_commit", disabled=not (ready and can_write())):
        try:
            result = commit(store(), prepared, skip_bad_rows=skip)
        except CxDashError as err:
            show_error(err)
            return
        importer.finish_round(
            t(
                "import.ui.imported",
                imported=f"{result.imported:,}",
                skipped=f"{result.skipped:,}",
                batch=result.batch_id,
                name=upload["name"],
            )
        )
        st.rerun()


def manual_tab() -> None:
    """One item heard by hand, validated like a file row, recorded as a batch of its own."""
    values = importer.manual_values()
    if values is None:
        return
    try:
        prepared = prepare_manual(store(), values)
        if not prepared.report.clean:
            st.dataframe(importer.problem_frame(prepared.report.problems), hide_index=True)
            return
        result = commit(store(), prepared)
    except CxDashError as err:
        show_error(err)
        return
    st.success(t("import.ui.manual_added", batch=result.batch_id), icon=":material/check_circle:")


def history_tab() -> None:
    """Every batch with its counts; a live batch can be undone (its items are deleted)."""
    batches = list_batches(store())
    if batches.empty:
        st.info(t("import.ui.no_batches"), icon=":material/history:")
        return
    labels = {c: t(f"import.history.{c}") for c in batches.columns}
    st.dataframe(batches, hide_index=True, key="import_history", column_config=labels)
    live = batches.loc[batches["undone_at"].isna(), "id"].tolist()
    if not live:
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    chosen = left.selectbox(t("import.ui.undo_pick"), live, key="import_undo_batch")
    sure = right.checkbox(t("import.ui.undo_sure"), key="import_undo_sure")
    if st.button(t("import.ui.undo"), key="import_undo", disabled=not (sure and can_write())):
        try:
            removed = undo_batch(store(), int(chosen))
        except CxDashError as err:
            show_error(err)
            return
        st.session_state[importer.DONE] = t("import.ui.undone", batch=chosen, rows=f"{removed:,}")
        st.session_state.pop("import_undo_sure", None)
        st.rerun()


with tab_file:
    file_tab()
with tab_manual:
    manual_tab()
with tab_history:
    history_tab()
