"""The meeting form and minutes downloads: attendees, agenda, decisions and action items."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cxdash.meetings import (
    ITEM_STATUSES,
    MEETING_KINDS,
    ROLES,
    ActionItem,
    AgendaItem,
    Attendee,
    Meeting,
)
from cxdash.report import safe_stem
from cxdash.reports.minutes import minutes_eml, minutes_html, minutes_markdown
from cxdash.reports.pdf import chromium_path, html_to_pdf
from cxdash.ui.auth import can_write
from cxdash.ui.context import lang, t
from cxdash.ui.grid import cell_text, edit_rows, text_columns


def _attendees(meeting: Meeting, scope: str) -> tuple[Attendee, ...]:
    frame = pd.DataFrame(
        [vars(a) for a in meeting.attendees], columns=["name", "department", "email", "role"]
    )
    rows = edit_rows(
        frame,
        f"meeting_attendees_{scope}",
        {
            **text_columns("meetings.field", "name", "department", "email"),
            "role": st.column_config.SelectboxColumn(
                t("meetings.field.role"), options=list(ROLES), default="head"
            ),
        },
    )
    return tuple(
        Attendee(
            cell_text(r["name"]).strip(),
            cell_text(r["department"]).strip(),
            cell_text(r["email"]).strip(),
            cell_text(r["role"]) or "head",
        )
        for r in rows
    )


def _agenda(meeting: Meeting, scope: str, titles: dict[int, str]) -> tuple[AgendaItem, ...]:
    names = {f"#{i} {title}": i for i, title in titles.items()}
    back = {i: n for n, i in names.items()}
    frame = pd.DataFrame(
        [(a.topic, back.get(a.solution_id or -1)) for a in meeting.agenda],
        columns=["topic", "solution"],
    )
    rows = edit_rows(
        frame,
        f"meeting_agenda_{scope}",
        {
            "topic": st.column_config.TextColumn(t("meetings.field.topic")),
            "solution": st.column_config.SelectboxColumn(
                t("meetings.field.solution"), options=list(names)
            ),
        },
    )
    return tuple(
        AgendaItem(cell_text(r["topic"]).strip(), names.get(cell_text(r["solution"]))) for r in rows
    )


def _items(meeting: Meeting, scope: str) -> tuple[ActionItem, ...]:
    frame = pd.DataFrame(
        [
            (i.id, i.title, i.owner, i.department, pd.Timestamp(i.due), i.status, i.solution_id)
            for i in meeting.action_items
        ],
        columns=["id", "title", "owner", "department", "due", "status", "solution_id"],
    )
    rows = edit_rows(
        frame,
        f"meeting_items_{scope}",
        {
            "id": None,
            "solution_id": None,
            **text_columns("meetings.field", "owner", "department", title="item"),
            "due": st.column_config.DateColumn(t("meetings.field.due")),
            "status": st.column_config.SelectboxColumn(
                t("meetings.field.status"), options=list(ITEM_STATUSES), default="open"
            ),
        },
    )
    return tuple(
        ActionItem(
            cell_text(r["title"]).strip(),
            cell_text(r["owner"]).strip(),
            pd.Timestamp(r["due"]).date() if cell_text(r["due"]) else date.today(),
            cell_text(r["department"]).strip(),
            cell_text(r["status"]) or "open",
            None if pd.isna(r["solution_id"]) else int(r["solution_id"]),
            None if pd.isna(r["id"]) else int(r["id"]),
        )
        for r in rows
    )


def meeting_form(meeting: Meeting, titles: dict[int, str]) -> Meeting | None:
    """Show the meeting form; return the edited meeting when the user saves it."""
    scope = str(meeting.id or "new")
    with st.form(f"meeting_form_{scope}"):
        cols = st.columns([3, 2, 1])
        title = cols[0].text_input(
            t("meetings.field.title"), meeting.title, key=f"meeting_title_{scope}"
        )
        kind = cols[1].selectbox(
            t("meetings.field.kind"),
            MEETING_KINDS,
            index=MEETING_KINDS.index(meeting.kind),
            format_func={k: t(f"meetings.kind.{k}") for k in MEETING_KINDS}.__getitem__,
            key=f"meeting_kind_{scope}",
        )
        held = cols[2].date_input(
            t("meetings.field.held_on"), meeting.held_on, key=f"meeting_day_{scope}"
        )
        st.caption(t("meetings.field.attendees"))
        attendees = _attendees(meeting, scope)
        st.caption(t("meetings.field.agenda"))
        agenda = _agenda(meeting, scope, titles)
        notes = st.text_area(t("meetings.field.notes"), meeting.notes, key=f"meeting_notes_{scope}")
        decisions = st.text_area(
            t("meetings.field.decisions"),
            "\n".join(meeting.decisions),
            key=f"meeting_decisions_{scope}",
        )
        st.caption(t("meetings.field.items"))
        items = _items(meeting, scope)
        if not st.form_submit_button(t("meetings.save"), type="primary", disabled=not can_write()):
            return None
    return Meeting(
        meeting.cycle_id,
        str(kind),
        held if isinstance(held, date) else meeting.held_on,
        title.strip(),
        attendees,
        agenda,
        notes.strip(),
        tuple(d.strip() for d in decisions.splitlines() if d.strip()),
        items,
        meeting.id,
    )


def minutes_downloads(meeting: Meeting, as_of: date, titles: dict[int, str]) -> None:
    """Show the minutes downloads: Markdown, PDF (when Chromium exists) and an .eml draft."""
    stem = safe_stem(meeting.title, "minutes")
    args = (meeting, lang(), as_of, titles)

    def pdf() -> bytes:
        return html_to_pdf(minutes_html(*args))

    cols = st.columns(3)
    cols[0].download_button(
        t("meetings.download_md"),
        minutes_markdown(*args).encode("utf-8"),
        file_name=f"{stem}.md",
        mime="text/markdown",
        key="minutes_md",
        on_click="ignore",
        icon=":material/download:",
    )
    if chromium_path():
        cols[1].download_button(
            t("meetings.download_pdf"),
            pdf,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            key="minutes_pdf",
            on_click="ignore",
            icon=":material/download:",
        )
    cols[2].download_button(
        t("meetings.download_eml"),
        minutes_eml(*args),
        file_name=f"{stem}.eml",
        mime="message/rfc822",
        key="minutes_eml",
        on_click="ignore",
        icon=":material/mail:",
    )
