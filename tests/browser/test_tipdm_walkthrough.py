"""A first-time user in Chinese, from an empty workspace, on citizen messages in the TipDM layout.

Import the messages, load the 3-level taxonomy (附件1 layout), discover clusters, map a few of
them, classify everything and read the pivot: each step checks what the user sees on screen.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_exception, pick_option, wait_for_app, wait_idle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MESSAGES = FIXTURES / "tipdm_sample.csv"
TAXONOMY = FIXTURES / "tipdm_taxonomy.csv"
# One cluster per topic: a word its keywords hold, the name given, the category it maps to.
MAPPINGS = (
    ("噪音", "夜间噪音", "噪音污染", "环境保护 › 环境污染 › 噪音污染"),
    ("物业", "小区物业", "物业服务", "城乡建设 › 住房保障与房地产 › 物业服务"),
    ("公交", "公交出行", "公交运营", "交通运输 › 客货运输 › 公交运营"),
    ("家长", "学校管理", "教学管理", "教育文体 › 教育行政管理 › 教学管理"),
)
NOISE = MAPPINGS[0][3]


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    wait_idle(page)


def _import_messages(page, url: str) -> None:
    _open(page, f"{url}/import?lang=zh")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(MESSAGES))
    page.get_by_text("读取到 80 行、7 列").wait_for()
    # The suggested mapping: the message body as text, its subject beside it, the message time
    # as the date.
    expect(page.locator(".st-key-import_map_text_ input")).to_have_value("留言详情")
    expect(page.locator(".st-key-import_map_subject_ input")).to_have_value("留言主题")
    expect(page.locator(".st-key-import_map_received_at_ input")).to_have_value("留言时间")
    expect(page.locator(".st-key-import_map_source_id_ input")).to_have_value("留言编号")
    page.get_by_text("不映射、原样保存在附加信息中的列：反对数、点赞数").wait_for()
    page.get_by_role("button", name="检查数据").click()
    page.get_by_text("没有发现问题，可以导入。").wait_for()
    page.get_by_role("button", name="导入", exact=True).click()
    page.get_by_text("已导入 80 行（跳过 0 行），批次 #1：tipdm_sample.csv").wait_for()
    assert_no_exception(page)
    # The explorer lists each message's subject in its own column beside the body.
    _open(page, f"{url}/feedback?lang=zh")
    grid = page.locator('[data-testid="stDataFrame"]').first
    # The grid fills in after the run; on a loaded machine that takes longer than expect's 5 s.
    expect(grid.get_by_text("主题", exact=True).first).to_be_attached(timeout=120_000)
    subject = grid.get_by_text("西地省A市噪音严重影响居民休息", exact=True).first
    expect(subject).to_be_attached(timeout=120_000)
    assert_no_exception(page)


def _load_taxonomy(page, url: str) -> None:
    _open(page, f"{url}/taxonomy?lang=zh")
    page.get_by_text("载入内置体系，或从 CSV 导入").wait_for()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(TAXONOMY))
    page.get_by_role("button", name="导入为新版本").click()
    page.get_by_text("已保存为版本 v1。").wait_for()
    # Three levels, counted as the user reads them.
    levels = "当前版本 v1，36 个分类 · 第 1 级 6 个 · 第 2 级 12 个 · 第 3 级 18 个"
    page.get_by_text(levels).wait_for()
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid.get_by_text("层级", exact=True)).to_be_attached()
    expect(grid.get_by_text("噪音污染", exact=True).first).to_be_attached()
    assert_no_exception(page)


def _discover_and_map(page, url: str) -> None:
    _open(page, f"{url}/discover?lang=zh")
    page.get_by_role("button", name="开始聚类").click()
    page.get_by_text(re.compile(r"第 1 次聚类：80 条，k = \d+")).wait_for(timeout=120_000)
    wait_idle(page)
    expect(page.get_by_text("k 建议曲线（轮廓系数，越高越好）")).to_be_visible()
    cards = page.locator("[class*='st-key-card_']")
    assert cards.count() >= 4
    # Readable Chinese keywords; the sentiment mix waits for the first classification.
    expect(cards.filter(has_text="关键词：").filter(has_text="噪音").first).to_be_visible()
    expect(cards.first.get_by_text("情感尚未计算", exact=False)).to_be_visible()
    for word, name, search, shown in MAPPINGS:
        found = cards.filter(has=page.get_by_text(re.compile(f"^关键词：.*{word}"))).first
        # Hold on to the card by its own key: the pick below reruns and re-renders the cards.
        no = re.search(r"st-key-card_(\d+)", found.get_attribute("class") or "").group(1)
        card = page.locator(f".st-key-card_{no}")
        pick_option(page, card.locator("[data-testid='stSelectbox']"), search, shown)
        wait_idle(page)
        names = page.locator(f".st-key-cl_name_{no} input")
        expect(names).to_have_count(1, timeout=120_000)
        names.fill(name)
        card.get_by_role("button", name="保存并打标签").click()
        page.get_by_text(re.compile(f"已把 \\d+ 条反馈标为「{shown}」")).wait_for()
        wait_idle(page)
        assert_no_exception(page)


def _classify(page, url: str) -> None:
    _open(page, f"{url}/classify?lang=zh")
    page.get_by_role("button", name="立即分类").click()
    page.get_by_text(re.compile(r"已分类 80 条（基于 \d+ 条人工标签）")).wait_for(timeout=120_000)
    wait_idle(page)
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="簇映射")).to_be_visible()
    assert_no_exception(page)


def _pivot(page, url: str) -> None:
    _open(page, f"{url}/dimensions?lang=zh")
    page.get_by_text("2019-03 对比 2019-02").wait_for()
    grids = page.locator('[data-testid="stDataFrame"]')
    rising = grids.first
    expect(rising.get_by_text(NOISE, exact=True)).to_be_attached()
    expect(rising.get_by_text("率比", exact=True)).to_be_attached()
    pivot = grids.nth(2)
    for month in ("2019-01", "2019-02", "2019-03"):
        expect(pivot.get_by_text(month, exact=True)).to_be_attached()
    for *_, shown in MAPPINGS:
        expect(pivot.get_by_text(shown, exact=True)).to_be_attached()
    assert_no_exception(page)


def test_a_new_user_walks_step_two_on_citizen_messages_in_chinese(page, start_server, tmp_path):
    url = start_server(tmp_path / "tipdm.duckdb")
    _import_messages(page, url)
    _load_taxonomy(page, url)
    _discover_and_map(page, url)
    _classify(page, url)
    _pivot(page, url)
