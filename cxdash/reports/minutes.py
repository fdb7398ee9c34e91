"""Meeting minutes: Markdown, printable HTML (for the PDF) and an .eml draft to the stakeholders."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from email.policy import SMTP
from html import escape

from cxdash.i18n import translate
from cxdash.meetings import Meeting, is_overdue, recipients
from cxdash.reports.html import page
from cxdash.reports.markdown import escape_markdown


def _blocks(meeting: Meeting, lang: str, as_of: date, titles: dict[int, str]) -> list[tuple]:
    """Return (heading, lines) blocks of the minutes, shared by every format."""
    tr = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731
    people = [
        f"{a.name} — {a.department or '—'}"
        + (f" ({tr('meetings.role.boss')})" if a.role == "boss" else "")
        for a in meeting.attendees
    ]
    agenda = [
        a.topic
        + (f" → #{a.solution_id} {titles.get(a.solution_id, '')}".rstrip() if a.solution_id else "")
        for a in meeting.agenda
    ]
    items = [
        tr(
            "meetings.minutes.item",
            title=i.title,
            owner=i.owner,
            department=i.department or "—",
            due=i.due.isoformat(),
            status=tr(f"solutions.action_status.{i.status}"),
        )
        + (f" ⚠ {tr('meetings.overdue')}" if is_overdue(i, as_of) else "")
        for i in meeting.action_items
    ]
    return [
        (tr("meetings.minutes.attendees"), people),
        (tr("meetings.minutes.agenda"), agenda),
        (tr("meetings.minutes.notes"), [line for line in meeting.notes.splitlines() if line]),
        (tr("meetings.minutes.decisions"), list(meeting.decisions)),
        (tr("meetings.minutes.actions"), items),
    ]


def minutes_title(meeting: Meeting, lang: str) -> str:
    """Return the minutes' title: meeting title, kind and day."""
    kind = translate(f"meetings.kind.{meeting.kind}", lang)
    return translate(
        "meetings.minutes.title",
        lang,
        title=meeting.title,
        kind=kind,
        day=meeting.held_on.isoformat(),
    )


def minutes_markdown(meeting: Meeting, lang: str, as_of: date, titles: dict[int, str]) -> str:
    """Return the minutes as Markdown, user text escaped."""
    out = [f"# {escape_markdown(minutes_title(meeting, lang))}", ""]
    for heading, lines in _blocks(meeting, lang, as_of, titles):
        out += [f"## {heading}", ""] + [f"- {escape_markdown(x)}" for x in lines or ["—"]] + [""]
    return "\n".join(out)


def minutes_text(meeting: Meeting, lang: str, as_of: date, titles: dict[int, str]) -> str:
    """Return the minutes as plain text (the e-mail body)."""
    out = [minutes_title(meeting, lang), ""]
    for heading, lines in _blocks(meeting, lang, as_of, titles):
        out += [heading, *(f"- {x}" for x in lines or ["—"]), ""]
    return "\n".join(out)


def minutes_html(meeting: Meeting, lang: str, as_of: date, titles: dict[int, str]) -> str:
    """Return the minutes as printable HTML, user text escaped."""
    title = minutes_title(meeting, lang)
    body = [f"<h1>{escape(title)}</h1>"]
    for heading, lines in _blocks(meeting, lang, as_of, titles):
        body.append(f"<h2>{escape(heading)}</h2><ul>")
        body += [f"<li>{escape(x)}</li>" for x in lines or ["—"]] + ["</ul>"]
    return page(title, body, lang)


def minutes_eml(
    meeting: Meeting, lang: str, as_of: date, titles: dict[int, str], sender: str = ""
) -> bytes:
    """Return an unsent e-mail draft (.eml) of the minutes addressed to every attendee."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = minutes_title(meeting, lang)
    message["To"] = ", ".join(recipients(meeting))
    if sender:
        message["From"] = sender
    message["X-Unsent"] = "1"
    message.set_content(minutes_text(meeting, lang, as_of, titles), charset="utf-8")
    return message.as_bytes()
