"""Demo solutions and meeting.

Cycle 1 holds the billing-error fix (approved, then carried out, verified and done once its
verification is saved) and its department-heads meeting with three action items (one overdue as
of DEMO_END). Cycle 2 holds the draft for the problem carried over from cycle 1: slow broadband
installation in the west.
"""

from __future__ import annotations

from datetime import date

from cxdash.demo.feedback import DEMO_END
from cxdash.meetings import ActionItem, AgendaItem, Attendee, Meeting, meeting_to_record
from cxdash.solutions import (
    Action,
    Evidence,
    Indicator,
    RootCause,
    Solution,
    Verification,
    solution_from_record,
    solution_to_record,
    transition,
)
from cxdash.storage import Store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.evidence import feedback_evidence
from cxdash.storage.loop import register_artefact
from cxdash.storage.meetings import save_meeting
from cxdash.storage.solutions import load_solution, save_solution

BILLING_TERMS = ["账单", "扣费", "bill", "charge"]
AS_OF = DEMO_END


def _billing_solution(store: Store, cycle_id: int) -> Solution:
    march = {"terms": BILLING_TERMS, "start": "2026-03-01", "end": "2026-03-31"}
    spike = feedback_evidence(store, "账单与扣费反馈（2026年3月）", march, lang="zh")
    labelled = {"category": "billing_error", "start": "2025-11-01", "end": "2026-10-31"}
    category = feedback_evidence(store, "人工标注的计费错误（全年）", labelled, lang="zh")
    share = float(spike["numbers"]["share_pct"])
    draft = Solution(
        title="修复计费系统升级引发的账单错误",
        cycle_id=cycle_id,
        problems=("2026年3月账单错误、重复扣费的反馈激增", "退款处理慢，热线等待变长"),
        evidence=tuple(Evidence(**e) for e in (spike, category)),
        root_cause=RootCause(
            "five_whys",
            (
                "客户收到多扣费的账单",
                "3月计费系统升级后，部分套餐的计费规则被错误迁移",
                "升级前没有用真实账单样本做回归核对",
                "计费变更流程中缺少业务侧验收环节",
                "计费变更只由IT部门负责，客服与财务没有参与",
            ),
        ),
        actions=(
            Action(
                "核对并回滚错误的计费规则，批量退还多扣费用",
                "IT与计费",
                "王工",
                date(2026, 4, 15),
                "done",
            ),
            Action(
                "建立计费变更的业务验收清单（含真实账单抽样）",
                "财务",
                "李经理",
                date(2026, 5, 31),
                "done",
            ),
            Action(
                "热线开设账单问题专线并推送致歉短信",
                "客服中心",
                "赵主管",
                date(2026, 4, 20),
                "done",
            ),
        ),
        monitoring=(
            Indicator("账单类投诉占比", "KPI"),
            Indicator("退款平均处理时长", "KCI"),
            Indicator("账单准确率感知", "KQI"),
        ),
        verification=Verification(
            "账单与扣费反馈占全部反馈的比例（%）",
            share,
            4.0,
            "两比例 z 检验：改进前（3月）对比改进后（9月）",
            1800,
            date(2026, 9, 30),
        ),
        risks="回滚计费规则可能影响3月之后新开通的套餐；批量退费可能被误认为诈骗短信。",
        contingency="回滚前保留快照，出现异常立即恢复；退费短信提前报备并在App内同步公告。",
        support="需要IT排期两周用于回滚与核对，财务审批批量退费，客服增配账单专线人员。",
        impact=5,
        effort=2,
        owner="体验管理部",
    )
    return transition(transition(draft, "reviewed"), "approved")


def _install_solution(store: Store, cycle_id: int) -> Solution:
    west = {
        "terms": ["安装", "install"],
        "region": "west",
        "start": "2025-11-01",
        "end": "2026-10-31",
    }
    evidence = feedback_evidence(store, "西部地区的宽带安装反馈（全年）", west, lang="zh")
    return Solution(
        title="缩短西部地区宽带安装等待时间",
        cycle_id=cycle_id,
        problems=("西部地区宽带安装预约后等待时间长、多次改期",),
        evidence=(Evidence(**evidence),),
        root_cause=RootCause(
            "fishbone",
            fishbone=(("people", "西部装维人员不足"), ("process", "预约排期不考虑路程时间")),
        ),
        actions=(Action("评估西部装维人力缺口", "网络运维", "陈经理", date(2026, 12, 15)),),
        impact=4,
        effort=4,
        owner="体验管理部",
    )


def _meeting(cycle_id: int, billing_id: int) -> Meeting:
    people = (
        Attendee("张伟", "体验管理部", "zhang.wei@example.com", "member"),
        Attendee("王磊", "IT与计费", "wang.lei@example.com"),
        Attendee("李娜", "财务", "li.na@example.com"),
        Attendee("赵敏", "客服中心", "zhao.min@example.com"),
    )
    items = (
        ActionItem(
            "完成错误计费规则的回滚与退费",
            "王磊",
            date(2026, 4, 30),
            "IT与计费",
            "done",
            billing_id,
        ),
        ActionItem(
            "上线计费变更的业务验收清单",
            "李娜",
            date(2026, 6, 30),
            "财务",
            "in_progress",
            billing_id,
        ),
        ActionItem(
            "复盘账单专线的接通率并汇报", "赵敏", date(2026, 12, 15), "客服中心", "open", billing_id
        ),
    )
    return Meeting(
        cycle_id=cycle_id,
        kind="department_heads",
        held_on=date(2026, 4, 8),
        title="账单错误改善方案沟通会",
        attendees=people,
        agenda=(
            AgendaItem("客户反馈与数据：3月账单错误激增", billing_id),
            AgendaItem("方案建议与执行思路", billing_id),
        ),
        notes="各部门认可数据结论。\nIT说明回滚窗口；财务关注退费审批流程。",
        decisions=("同意回滚错误计费规则并批量退费", "第二次会议邀请总经理确认验收清单"),
        action_items=items,
    )


def seed_billing_fix(store: Store) -> int:
    """Write cycle 1's approved billing-error fix and its meeting, in progress; return its id."""
    cycle_id = current_cycle_id(store)
    billing = transition(_billing_solution(store, cycle_id), "in_progress")
    billing_id = save_solution(store, solution_to_record(billing))
    save_meeting(store, meeting_to_record(_meeting(cycle_id, billing_id)))
    register_artefact(store, cycle_id, 6, "solution", str(billing_id), billing.title)
    return billing_id


def finish_billing_fix(store: Store, billing_id: int) -> None:
    """Move the verified billing-error fix through verifying to done."""
    done = transition(solution_from_record(load_solution(store, billing_id)), "verifying")
    save_solution(store, solution_to_record(done))
    done = transition(solution_from_record(load_solution(store, billing_id)), "done")
    save_solution(store, solution_to_record(done))


def seed_solutions(store: Store) -> None:
    """Write the open cycle's draft for the carried-over west-installation problem."""
    cycle_id = current_cycle_id(store)
    install = _install_solution(store, cycle_id)
    install_id = save_solution(store, solution_to_record(install))
    register_artefact(store, cycle_id, 6, "solution", str(install_id), install.title)
