"""Widgets shared by the step 2 pages: category pickers and the taxonomy edit form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash import taxonomy as tx
from cxdash.errors import CxDashError
from cxdash.storage import Store
from cxdash.storage.taxonomy import save_taxonomy
from cxdash.ui.auth import can_write
from cxdash.ui.context import label, lang, show_error, t

ACTIONS = ("add", "rename", "rules", "move", "merge", "delete")
# Columns of the step 2 tables that have a display name, and the label prefix of their values.
TABLE_COLUMNS = (
    "category", "current", "previous", "current_share", "previous_share", "ratio", "p_value",
    "month", "previous_month", "feedback_id", "received_at", "channel", "subject", "text",
    "sentiment",
    "kind", "category_origin", "category_conf", "kind_origin", "kind_conf", "sentiment_origin",
    "sentiment_score", "touchpoint", "touchpoint_origin", "touchpoint_conf", "taxonomy_version",
)  # fmt: skip
VALUE_LABELS = {
    "sentiment": "sentiment",
    "kind": "import.kind",
    "category_origin": "origin",
    "kind_origin": "origin",
    "sentiment_origin": "origin",
    "touchpoint_origin": "origin",
    "channel": "channel",
}


def category_picker(
    tax: pd.DataFrame,
    label: str,
    key: str,
    extra: tuple[str | None, ...] = (),
    default: str | None = None,
) -> str | None:
    """Show a select box of categories (with display paths); return the chosen key.

    The box opens on `default` when it is one of the options (such as the model's suggestion).
    """
    names = tx.display_names(tax, lang())
    options = [*extra, *tax["key"].tolist()]
    special = {None: t("taxonomy.top_level"), "__new__": t("discover.new_category")}
    return st.selectbox(
        label,
        options,
        index=options.index(default) if default in options else 0,
        key=key,
        format_func=lambda k: special.get(k) or names.get(k, str(k)),
    )


def _edited(tax: pd.DataFrame, action: str) -> tuple[pd.DataFrame, str] | None:
    """Show the fields of one edit action; return the new taxonomy and a note when submitted."""
    chosen = None if action == "add" else category_picker(tax, t("taxonomy.category"), "tax_cat")
    row = tax[tax["key"] == chosen].iloc[0] if chosen else None
    if action in ("add", "rename"):
        zh = st.text_input(
            t("taxonomy.name_zh"), row["name_zh"] if row is not None else "", key="tax_zh"
        )
        en = st.text_input(
            t("taxonomy.name_en"), row["name_en"] if row is not None else "", key="tax_en"
        )
    if action in ("add", "move"):
        parent = category_picker(tax, t("taxonomy.parent"), "tax_parent", extra=(None,))
    if action == "merge":
        target = category_picker(tax, t("taxonomy.target"), "tax_target")
    if action == "rules" and row is not None:
        words = st.text_input(t("taxonomy.keywords"), row["keywords"], key="tax_words")
        pattern = st.text_input(t("taxonomy.pattern"), row["pattern"], key="tax_pattern")
    if not st.button(
        t("taxonomy.apply"), key="tax_apply", disabled=not can_write(), type="primary"
    ):
        return None
    key = str(chosen)
    changes = {
        "add": lambda: tx.add_category(tax, zh, en, parent),
        "rename": lambda: tx.rename_category(tax, key, zh, en),
        "rules": lambda: tx.set_rules(tax, key, words, pattern),
        "move": lambda: tx.move_category(tax, key, parent),
        "merge": lambda: tx.merge_categories(tax, key, str(target)),
        "delete": lambda: tx.delete_category(tax, key),
    }
    return changes[action](), key if action != "add" else zh or en


def taxonomy_editor(store: Store, tax: pd.DataFrame) -> None:
    """Show the edit form (add, rename, rules, move, merge, delete); save a version on submit."""
    action = st.radio(
        t("taxonomy.action"),
        ACTIONS,
        key="tax_action",
        horizontal=True,
        format_func=lambda a: t(f"taxonomy.actions.{a}"),
    )
    try:
        result = _edited(tax, str(action))
        if result is not None:
            version = save_taxonomy(store, result[0], str(action), result[1])
            st.session_state["tax_saved"] = version
            st.rerun()
    except CxDashError as err:
        show_error(err)


def labelled_table(frame: pd.DataFrame, names: dict[str, str], key: str) -> None:
    """Show a step 2 table with translated headers, category paths and value labels."""
    shown = frame.copy()
    if "subject" in shown and shown["subject"].isna().all():
        shown = shown.drop(columns="subject")  # no subject lines in these items
    if "category" in shown:
        shown["category"] = shown["category"].map(names).fillna(shown["category"])
    for column, prefix in VALUE_LABELS.items():
        if column in shown:
            shown[column] = [label(prefix, v) if isinstance(v, str) else v for v in shown[column]]
    headers = {c: t(f"dimensions.columns.{c}") for c in shown.columns if c in TABLE_COLUMNS}
    st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config=headers)
