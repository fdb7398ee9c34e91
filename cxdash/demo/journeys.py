"""Demo journey maps: a finished broadband journey and a draft proposed from the data."""

from __future__ import annotations

from cxdash.journey import draft_from_event
from cxdash.storage import Store
from cxdash.storage import journey_data as data
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.journeys import create_map
from cxdash.storage.touchpoints import list_touchpoints

BROADBAND_STAGES = (
    ("order", "下单 Order", 1.0),
    ("install", "安装 Install", -1.5),
    ("use", "使用 Use", 0.5),
    ("bill", "账单 Bill", -1.0),
    ("repair", "报修 Repair", -0.5),
)

STAGE_LABELS = {
    "buy": "选购 Order",
    "install": "安装 Install",
    "use": "使用 Use",
    "pay": "账单 Bill",
    "support": "服务 Support",
    "leave": "离网 Leave",
    "other": "其他 Other",
}

# (stage, lane, text, touchpoint, category)
BROADBAND_CARDS = (
    (
        "order",
        "scenario",
        "搬新家，在 App 上比较套餐 / Moving home, comparing plans in the app",
        None,
        None,
    ),
    ("order", "touchpoint", "选购下单", "shopping", None),
    ("order", "expectation", "价格透明，当天确认 / Clear price, same-day confirmation", None, None),
    (
        "order",
        "opportunity",
        "下单即预约安装时段 / Book the install slot with the order",
        None,
        None,
    ),
    ("install", "scenario", "请假在家等师傅 / Took a day off to wait for the engineer", None, None),
    ("install", "touchpoint", "上门安装", "installation", None),
    ("install", "expectation", "按约定时间上门 / Engineer arrives on time", None, None),
    (
        "install",
        "pain_point",
        "安装一拖再拖 / Installation delayed again and again",
        "installation",
        "broadband_install_delay",
    ),
    ("install", "opportunity", "实时显示师傅位置 / Live engineer tracking", None, None),
    ("use", "scenario", "晚上视频会议、追剧 / Evening video calls and streaming", None, None),
    ("use", "touchpoint", "网络使用", "network", None),
    ("use", "expectation", "晚高峰网速达标 / Full speed at peak hours", None, None),
    ("use", "pain_point", "晚上网速慢 / Slow speed in the evening", "network", "broadband_speed"),
    (
        "use",
        "pain_point",
        "WiFi 覆盖不到卧室 / WiFi does not reach the bedroom",
        "network",
        "wifi_coverage",
    ),
    ("bill", "scenario", "月初收到账单 / The monthly bill arrives", None, None),
    ("bill", "touchpoint", "账单与缴费", "billing", None),
    ("bill", "expectation", "金额与套餐一致 / The amount matches the plan", None, None),
    ("bill", "pain_point", "多扣费 / Overcharged", "billing", "billing_error"),
    ("bill", "opportunity", "账单异常主动提醒 / Proactive alert on unusual bills", None, None),
    ("repair", "scenario", "断网后打电话报修 / Calls to report an outage", None, None),
    ("repair", "touchpoint", "报障维修", "repair", None),
    ("repair", "touchpoint", "客服热线", "hotline", None),
    ("repair", "expectation", "24 小时内修好 / Fixed within 24 hours", None, None),
    (
        "repair",
        "pain_point",
        "报修后迟迟没人处理 / Nobody follows up the repair",
        "repair",
        "repair_response",
    ),
    ("repair", "pain_point", "热线排队太久 / Long hotline queue", "hotline", "hotline_wait"),
)


def seed_journeys(store: Store) -> None:
    """Write the finished broadband journey and a draft from the billing-error reporters."""
    cycle = current_cycle_id(store)
    cards = [
        {"stage_key": s, "lane": lane, "text": text, "touchpoint": tp, "category": cat}
        for s, lane, text, tp, cat in BROADBAND_CARDS
    ]
    create_map(
        store,
        cycle,
        "宽带：下单 → 安装 → 使用 → 账单 → 报修 / Broadband journey",
        "家庭宽带用户 / Household broadband customer",
        BROADBAND_STAGES,
        cards,
        status="final",
        source="demo",
    )
    touchpoints = list_touchpoints(store)
    labels = {
        f"tp:{k}": str(v) for k, v in zip(touchpoints["key"], touchpoints["name_zh"], strict=True)
    }
    labels |= {"cat:billing_error": "账单错误 / Billing error"} | STAGE_LABELS
    draft = draft_from_event(
        data.event_paths(store, cycle, "billing_error"), touchpoints, labels, "billing_error"
    )
    create_map(
        store,
        cycle,
        "草稿：账单错误的客户路径 / Draft: billing-error path",
        "被多扣费的客户 / Overcharged customer",
        draft.stages,
        draft.cards,
        source="event",
    )
