"""Discover page parts: the cached run in a status box, and the cluster cards shown page by page."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import pandas as pd
import streamlit as st

from cxdash import config
from cxdash.charts.classify import trend_figure
from cxdash.discover import Clustering, cluster_items, map_cluster, save_discovery
from cxdash.errors import CxDashError
from cxdash.storage import Store
from cxdash.storage.clusters import examples
from cxdash.storage.explore import data_version
from cxdash.storage.taxonomy import current_version, load_taxonomy
from cxdash.taxonomy import display_names
from cxdash.ui.auth import can_write
from cxdash.ui.classify_widgets import category_picker, labelled_table
from cxdash.ui.context import lang, show_error, t

CARD_STEP = 10


_RESULTS: OrderedDict[tuple[object, ...], tuple[list[int], Clustering]] = OrderedDict()
_LOCK = threading.Lock()
KEPT_RESULTS = 8


def _clusters(
    workspace: Store,
    key: tuple[object, ...],
    filters: dict[str, str],
    k: int | None,
    limit: int,
    progress: Callable[[str], None],
) -> tuple[tuple[list[int], Clustering], bool]:
    """Return cluster_items and whether it was reused (kept for the last KEPT_RESULTS keys).

    A plain dict in this server process rather than st.cache_data, which would replay the
    status lines written during the run on every later hit.
    """
    with _LOCK:
        if key in _RESULTS:
            _RESULTS.move_to_end(key)
            return _RESULTS[key], True
    found = cluster_items(workspace, filters, k, limit, progress=progress)
    with _LOCK:
        _RESULTS[key] = found
        while len(_RESULTS) > KEPT_RESULTS:
            _RESULTS.popitem(last=False)
    return found, False


def run_in_status(workspace: Store, filters: dict[str, str], k: int | None, limit: int) -> int:
    """Run discovery in a status box that names each stage; save it as a new run, return its id.

    Discovery is deterministic, so the result is cached per data stamp (imports and undos change
    it), taxonomy version (its cue words are features) and settings; a repeated run reuses it.
    """
    started = time.perf_counter()
    with st.status(t("discover.running"), expanded=True) as box:

        def stage(name: str) -> None:
            box.update(label=t(f"discover.stage_{name}"))
            box.write(t(f"discover.stage_{name}"))

        key = (
            str(config.db_path()),
            data_version(workspace),
            current_version(workspace),
            tuple(sorted(filters.items())),
            k,
            limit,
        )
        found, reused = _clusters(workspace, key, filters, k, limit, stage)
        if reused:
            box.write(t("discover.reused"))
        run_id = save_discovery(workspace, filters, k, found, limit)
        seconds = time.perf_counter() - started
        done = t("discover.done", items=len(found[0]), k=found[1].k, seconds=seconds)
        box.update(label=done, state="complete", expanded=False)
    return run_id


def shown_count(run_id: int, total: int) -> int:
    """Return how many of the run's clusters (largest first) the page shows now."""
    return min(total, int(st.session_state.get(f"disc_shown_{run_id}", CARD_STEP)))


def _show_more(key: str, shown: int) -> None:
    st.session_state[key] = shown + CARD_STEP


def more_button(run_id: int, shown: int, total: int) -> None:
    """Say how many clusters are shown and offer the next CARD_STEP when some are hidden."""
    if shown >= total:
        return
    st.caption(t("discover.showing", shown=shown, total=total))
    st.button(
        t("discover.show_more", n=min(CARD_STEP, total - shown)),
        key="disc_more",
        on_click=_show_more,
        args=(f"disc_shown_{run_id}", shown),
    )


def cluster_card(
    workspace: Store, run_id: int, cluster: pd.Series, stats: pd.Series, tax: pd.DataFrame
) -> None:
    """Show one cluster: name, keywords, sentiment mix, size, trend, examples and the mapping."""
    no = int(cluster["cluster_no"])
    with st.container(border=True, key=f"card_{no}"):
        title = cluster["name"] if isinstance(cluster["name"], str) else t("discover.unnamed")
        st.markdown(f"**{t('discover.cluster', no=no, name='')}**")
        st.text(title)
        left, right = st.columns([3, 2])
        left.text(t("discover.keywords", words=cluster["keywords"]))
        if stats["unscored"] < 1:
            shares = {"neg": stats["negative"], "neu": stats["neutral"], "pos": stats["positive"]}
            left.caption(t("discover.mix", **shares))
        else:
            left.caption(t("discover.mix_unscored"))
        left.metric(t("discover.size"), f"{int(cluster['size']):,}")
        right.plotly_chart(trend_figure(stats["trend"], t("discover.trend")), key=f"trend_{no}")
        labelled_table(examples(workspace, run_id, no), {}, f"ex_{no}")
        name_col, cat_col, go_col = st.columns([2, 2, 1], vertical_alignment="bottom")
        name = name_col.text_input(t("discover.name"), key=f"cl_name_{no}")
        with cat_col:
            category = category_picker(
                tax, t("discover.map_to"), f"cl_cat_{no}", extra=("__new__",)
            )
        if go_col.button(t("discover.save"), key=f"cl_save_{no}", disabled=not can_write()):
            try:
                target = None if category == "__new__" else category
                key, count = map_cluster(workspace, run_id, no, name.strip() or title, target)
                shown = display_names(load_taxonomy(workspace), lang()).get(key, key)
                st.success(t("discover.mapped", count=count, category=shown))
            except CxDashError as err:
                show_error(err)
