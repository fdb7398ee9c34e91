"""Meetings: validation, the method's meeting rounds, overdue flags and the minutes exports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from email import message_from_bytes
from email.policy import default

import pytest

from cxdash.errors import InvalidInput
from cxdash.meetings import (
    ActionItem,
    AgendaItem,
    Attendee,
    Meeting,
    is_overdue,
    meeting_from_record,
    meeting_to_record,
    meeting_warnings,
    overdue_items,
    recipients,
    validate_meeting,
)
from cxdash.reports.minutes import minutes_eml, minutes_markdown

AS_OF = date(2026, 10, 31)
MEETING = Meeting(
    1,
    "department_heads",
    date(2026, 4, 8),
    "账单错误沟通会",
    attendees=(
        Attendee("王磊", "IT", "wang@example.com"),
        Attendee("李娜", "财务", "li@example.com"),
        Attendee("赵敏", "客服"),
    ),
    agenda=(AgendaItem("数据与方案", 1),),
    notes="认可数据结论。",
    decisions=("同意回滚",),
    action_items=(
        ActionItem("回滚", "王磊", date(2026, 4, 30), "IT", "done", 1),
        ActionItem("验收清单", "李娜", date(2026, 6, 30), "财务", "in_progress", 1),
        ActionItem("复盘专线", "赵敏", date(2026, 12, 15), "客服", "open", 1),
    ),
)


def test_overdue_means_past_due_and_not_done():
    assert [i.title for i in overdue_items(MEETING, AS_OF)] == ["验收清单"]
    assert not is_overdue(MEETING.action_items[1], date(2026, 6, 30))
    assert is_overdue(MEETING.action_items[1], date(2026, 7, 1))
    assert [i.title for i in overdue_items(MEETING, date(2027, 1, 1))] == ["验收清单", "复盘专线"]


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"kind": "party"}, "meetings.error.kind"),
        ({"title": ""}, "meetings.error.title"),
        ({"attendees": ()}, "meetings.error.attendees"),
        ({"attendees": (Attendee(" "),)}, "meetings.error.attendee_name"),
        ({"attendees": (Attendee("A", email="not-an-address"),)}, "meetings.error.email"),
        ({"action_items": (ActionItem("x", "", date(2026, 1, 1)),)}, "meetings.error.item"),
    ],
)
def test_invalid_meetings_are_refused_with_a_reason(changes, key):
    with pytest.raises(InvalidInput) as err:
        validate_meeting(replace(MEETING, **changes))
    assert err.value.key == key


def test_the_first_meeting_is_without_the_boss_and_the_second_with():
    assert meeting_warnings(MEETING) == []
    boss = Attendee("总经理", "管理层", role="boss")
    with_boss = replace(MEETING, attendees=(*MEETING.attendees, boss))
    assert meeting_warnings(with_boss) == ["boss_at_first_meeting"]
    assert meeting_warnings(replace(MEETING, kind="with_boss")) == ["no_boss"]
    assert meeting_warnings(replace(with_boss, kind="with_boss")) == []


def test_the_record_round_trips():
    stored = replace(MEETING, id=3)
    assert meeting_from_record(meeting_to_record(stored)) == stored


def test_minutes_markdown_flags_the_overdue_item():
    text = minutes_markdown(MEETING, "zh", AS_OF, {1: "修复账单"})
    assert text.startswith("# 会议纪要：账单错误沟通会（部门负责人会（不含老板），2026-04-08）")
    line = next(x for x in text.splitlines() if "验收清单" in x)
    assert line.endswith("⚠ 已逾期")
    assert "#1 修复账单" in text
    assert sum("已逾期" in x for x in text.splitlines()) == 1


def test_the_eml_draft_is_addressed_to_attendees_with_an_address():
    parsed = message_from_bytes(minutes_eml(MEETING, "en", AS_OF, {}), policy=default)
    assert parsed["To"] == "王磊 <wang@example.com>, 李娜 <li@example.com>"
    assert recipients(MEETING) == ["王磊 <wang@example.com>", "李娜 <li@example.com>"]
    assert parsed["X-Unsent"] == "1"
    assert parsed["Subject"].startswith("Minutes: 账单错误沟通会")
    body = parsed.get_content()
    assert "验收清单 — owner: 李娜 (财务), due 2026-06-30, In progress ⚠ Overdue" in body
