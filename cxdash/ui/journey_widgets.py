"""Widgets of the journey pages: the drag canvas, the relationship graph and touchpoint panels."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from streamlit_agraph import Config, Edge, Node, agraph

from cxdash.errors import CxDashError
from cxdash.journey import LANES, graph_layout, trend_label
from cxdash.storage import Store, journeys
from cxdash.storage import journey_data as data
from cxdash.ui.auth import can_write
from cxdash.ui.components.journey_canvas import journey_canvas
from cxdash.ui.context import label, show_error, t
from cxdash.ui.journey_cache import aggregate as aggregate
from cxdash.ui.journey_cache import items as items
from cxdash.ui.journey_cache import stamp as stamp

NEW_WAYS = ("blank", "event", "problems")


def touchpoint_names(touchpoints: pd.DataFrame, lang: str) -> dict[str, str]:
    """Return touchpoint key -> display name in the session language."""
    column = "name_zh" if lang == "zh" else "name_en"
    return dict(zip(touchpoints["key"], touchpoints[column], strict=True))


def canvas(map_id: int, stages: pd.DataFrame, cards: pd.DataFrame) -> dict[str, Any] | None:
    """Show the label-method canvas of a map; return the user's drag or delete action."""
    payload = {
        "stages": [
            {"key": s.key, "label": s.label, "emotion": None if pd.isna(s.emotion) else s.emotion}
            for s in stages.itertuples()
        ],
        "lanes": [{"key": lane, "label": t(f"journey.lane_{lane}")} for lane in LANES],
        "cards": [
            {
                "id": int(c.id),
                "version": int(c.version),
                "stage": c.stage_key,
                "lane": c.lane,
                "text": c.text,
                "evidence": c.evidence,
                "items": int(c.evidence_items),
            }
            for c in cards.sort_values(["position", "id"]).itertuples()
        ],
        "labels": {
            "element": t("journey.element"),
            "emotion": t("journey.lane_emotion"),
            "delete": t("journey.delete_card"),
            "evidence": t("journey.evidence"),
            **{f"ev_{lvl}": t(f"journey.ev_{lvl}") for lvl in ("none", "partial", "strong")},
        },
        "readonly": not can_write(),
    }
    return journey_canvas(payload, key=f"journey_canvas_{map_id}")


def apply_action(store: Store, map_row: dict[str, Any], action: dict[str, Any]) -> bool:
    """Persist one canvas action; return True when it was saved, showing errors otherwise."""
    try:
        kind = action.get("type")
        if kind == "move":
            journeys.move_card(
                store,
                int(action["id"]),
                int(action["version"]),
                str(action["stage"]),
                str(action["lane"]),
                int(action["position"]),
            )
        elif kind == "delete":
            journeys.delete_card(store, int(action["id"]), int(action["version"]))
        elif kind == "reorder":
            journeys.reorder_stages(
                store,
                int(map_row["id"]),
                int(map_row["version"]),
                [str(k) for k in action["order"]],
            )
        else:
            return False
    except CxDashError as err:
        show_error(err)
        return False
    return True


def relationship_graph(cells: pd.DataFrame, names: dict[str, str]) -> tuple[str, str] | None:
    """Show touchpoints linked to problem categories; return the clicked (kind, key) or None.

    Node ids are indexes and titles are counts: customer-defined text only reaches the graph
    as node labels, which the graph draws on a canvas and never parses as HTML. The busiest
    touchpoint sits at the centre (see graph_layout).
    """
    tp_volume = cells.groupby("touchpoint")["volume"].sum().sort_values(ascending=False)
    cat_volume = cells.groupby("category")["volume"].sum().sort_values(ascending=False)
    where = graph_layout(list(tp_volume.index), list(cat_volume.index))
    tp_id = {k: f"tp{i}" for i, k in enumerate(tp_volume.index)}
    cat_id = {k: f"cat{i}" for i, k in enumerate(cat_volume.index)}
    common = {"physics": False, "fixed": True}
    nodes = [
        Node(
            id=tp_id[k],
            label=names.get(k, k),
            title=f"n={v}",
            shape="box",
            color="#4f7fd1",
            font={"color": "#ffffff"},
            x=where[("touchpoint", k)][0],
            y=where[("touchpoint", k)][1],
            **common,
        )
        for k, v in tp_volume.items()
    ]
    nodes += [
        Node(
            id=cat_id[k],
            label=label("category", k),
            title=f"n={v}",
            size=12,
            color="#e0795b",
            x=where[("category", k)][0],
            y=where[("category", k)][1],
            **common,
        )
        for k, v in cat_volume.items()
    ]
    edges = [
        Edge(
            source=tp_id[r.touchpoint],
            target=cat_id[r.category],
            title=f"n={r.volume}",
            width=1 + r.volume**0.3,
            color="#b8c2d6",
        )
        for r in cells.itertuples()
    ]
    config = Config(width=900, height=560, directed=False, physics=False, hierarchical=False)
    clicked = agraph(nodes=nodes, edges=edges, config=config)
    ids = {v: ("touchpoint", k) for k, v in tp_id.items()}
    ids |= {v: ("category", k) for k, v in cat_id.items()}
    return ids.get(str(clicked)) if clicked else None


def touchpoint_panel(
    store: Store, cycle_id: int, tp: str, names: dict[str, str], at: str | None = None
) -> None:
    """Show what the feedback says about one touchpoint: volume, negatives, trend, quotes.

    at is the page's data stamp (computed here when not given).
    """
    at = stamp(store) if at is None else at
    summary = aggregate(store, "touchpoint_summary", cycle_id, at=at).set_index("touchpoint")
    if tp not in summary.index:
        st.info(t("journey.tp_no_data"))
        return
    row = summary.loc[tp]
    trend, change = trend_label(aggregate(store, "monthly_volume", cycle_id, at=at), tp)
    cols = st.columns(3)
    cols[0].metric(t("journey.volume"), f"{int(row['volume']):,}")
    share = row["negative_share"]
    cols[1].metric(t("journey.negative_share"), "–" if pd.isna(share) else f"{share:.0%}")
    delta = None if change is None else f"{change:+.0%}"
    cols[2].metric(t("journey.trend"), t(f"journey.trend_{trend}"), delta, delta_color="inverse")
    cats = aggregate(store, "touchpoint_categories", cycle_id, at=at)
    top = cats[cats["touchpoint"] == tp].head(3)
    st.caption(
        t("journey.top_categories", names=", ".join(label("category", c) for c in top["category"]))
    )
    quotes = items(store, "quotes", cycle_id, at=at, touchpoint=tp, limit=3)
    evidence_table(quotes, key=f"tpq_{tp}")


def evidence_table(items: pd.DataFrame, key: str) -> None:
    """Show feedback items as an inert table: date, touchpoint, category, sentiment and text."""
    shown = items[["received_at", "touchpoint", "category", "sentiment", "rating", "text"]]
    st.dataframe(shown, hide_index=True, key=key, width="stretch")


def new_map_form(
    store: Store, cycle_id: int, touchpoints: pd.DataFrame, lang: str, at: str | None = None
) -> None:
    """Show the ways to start a map: blank, drafted from an event, drafted from a problem class."""
    from cxdash.journey import draft_from_event, draft_from_problems

    cats = aggregate(store, "category_volumes", cycle_id, at=at)
    with st.form("journey_new", border=True):
        st.markdown(f"**{t('journey.new_title')}**")
        name = st.text_input(t("journey.name"), key="journey_new_name")
        persona = st.text_input(t("journey.persona"), key="journey_new_persona")
        how = st.radio(
            t("journey.new_how"),
            NEW_WAYS,
            horizontal=True,
            format_func={v: t(f"journey.new_{v}") for v in NEW_WAYS}.__getitem__,
            key="journey_new_how",
        )
        category = st.selectbox(
            t("journey.new_category"),
            list(cats["category"]),
            format_func={c: label("category", c) for c in cats["category"]}.__getitem__,
            key="journey_new_category",
        )
        if not st.form_submit_button(
            t("journey.create"), key="journey_new_submit", disabled=not can_write()
        ):
            return
    labels = {
        s: t(f"journey.stage_{s}")
        for s in ("buy", "install", "use", "pay", "support", "leave", "other")
    }
    labels |= {f"tp:{k}": v for k, v in touchpoint_names(touchpoints, lang).items()}
    labels |= {f"cat:{c}": label("category", c) for c in cats["category"]}
    try:
        if how == "blank":
            stages: list[tuple[str, str, float | None]] = [
                ("stage_1", t("journey.stage_new"), None)
            ]
            cards: list[dict[str, object]] = []
        else:
            maker = draft_from_event if how == "event" else draft_from_problems
            source = (
                data.event_paths(store, cycle_id, str(category))
                if how == "event"
                else aggregate(store, "touchpoint_categories", cycle_id)
            )
            draft = maker(source, touchpoints, labels, str(category))
            stages, cards = draft.stages, draft.cards
        new_id = journeys.create_map(store, cycle_id, name, persona, stages, cards, source=how)
    except CxDashError as err:
        show_error(err)
        return
    st.session_state["journey_map"] = new_id
    st.rerun()


def card_form(store: Store, map_id: int, stages: pd.DataFrame, cards: pd.DataFrame) -> None:
    """Show the forms to add a card and to rename one."""
    stage_names = dict(zip(stages["key"], stages["label"], strict=True))
    add, rename = st.columns(2)
    with add.form("journey_add_card"):
        stage = st.selectbox(
            t("journey.stage"),
            list(stage_names),
            format_func=lambda k: str(stage_names[k]),
            key="journey_add_stage",
        )
        lane = st.selectbox(
            t("journey.lane"),
            LANES,
            key="journey_add_lane",
            format_func={v: t(f"journey.lane_{v}") for v in LANES}.__getitem__,
        )
        text = st.text_input(t("journey.card_text"), key="journey_add_text")
        if st.form_submit_button(
            t("journey.add_card"), key="journey_add_submit", disabled=not can_write()
        ):
            _saved(
                lambda: journeys.add_card(
                    store, map_id, {"stage_key": stage, "lane": lane, "text": text}
                )
            )
    if cards.empty:
        return
    with rename.form("journey_rename_card"):
        ids = list(cards["id"])
        texts = dict(zip(cards["id"], cards["text"], strict=True))
        card_id = st.selectbox(
            t("journey.card"), ids, format_func=lambda i: texts[i][:60], key="journey_rename_id"
        )
        new_text = st.text_input(t("journey.card_text"), key="journey_rename_text")
        if st.form_submit_button(
            t("journey.rename_card"), key="journey_rename_submit", disabled=not can_write()
        ):
            version = int(cards.set_index("id").loc[card_id, "version"])
            _saved(lambda: journeys.rename_card(store, int(card_id), version, new_text))


def _saved(write: Any) -> None:
    try:
        write()
    except CxDashError as err:
        show_error(err)
        return
    st.rerun()


def meta_form(store: Store, record: dict[str, Any]) -> None:
    """Show the form that renames a map, sets its persona and marks it finished."""
    with st.form("journey_meta"):
        name = st.text_input(t("journey.name"), record["name"], key="journey_meta_name")
        persona = st.text_input(t("journey.persona"), record["persona"], key="journey_meta_persona")
        final = st.toggle(t("journey.final"), record["status"] == "final", key="journey_meta_final")
        if st.form_submit_button(
            t("journey.save_meta"), key="journey_meta_submit", disabled=not can_write()
        ):
            status = "final" if final else "draft"
            _saved(
                lambda: journeys.update_map(
                    store,
                    int(record["id"]),
                    int(record["version"]),
                    name=name,
                    persona=persona,
                    status=status,
                )
            )
