"""Step 2 as a first-time user, in Chinese, in headless Chromium, on the TipDM citizen messages.

From an empty workspace: import `messages_with_votes_4326.csv`, load `label_taxonomy_3level.csv`,
discover clusters with the suggested k, map a few clusters to categories, classify everything and
open the dimension pivot. Every step is timed from the click to the answer on screen; the counts
are those the pages show. Screenshots go to docs/walkthrough-tipdm-*.png. Skips cleanly without
the dataset, Chromium or Playwright.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench._data import ROOT, dataset, scratch

FOLDER = "tipdm2020_gov_messages"
MESSAGES = "messages_with_votes_4326.csv"
TAXONOMY = "label_taxonomy_3level.csv"
SHOTS = ROOT / "docs"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
LONG = 1_800_000  # ms: discovery on 4,326 long messages takes minutes on a loaded 2-core machine
# Clusters to map: a word their keywords hold, the text typed in the picker, the category shown.
MAPPINGS = (
    ("物业", "物业服务", "城乡建设 › 住房保障与房地产 › 物业服务"),
    ("噪音", "噪音污染", "环境保护 › 环境污染 › 噪音污染"),
    ("学生", "教学管理", "教育文体 › 教育行政管理 › 教学管理"),
    ("公交", "旅客运输", "交通运输 › 客货运输 › 旅客运输"),
    (
        "拆迁",
        "集体土地上房屋拆迁与补偿 › 房屋拆迁",
        "城乡建设 › 集体土地上房屋拆迁与补偿 › 房屋拆迁",
    ),
    ("医院", "医疗机构管理", "卫生计生 › 医政监管 › 医疗机构管理"),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _server(db: Path) -> Iterator[str]:
    """Serve the app on a workspace file in Chinese; yield its base URL."""
    port = _free_port()
    env = {**os.environ, "CXDASH_DB": str(db), "CXDASH_LANG": "zh"}
    args = ["--server.address", "127.0.0.1", "--server.port", str(port)]
    args += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    log = scratch("walkthrough-server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cxdash.ui.serve", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_healthy(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("the app server did not start")


def _idle(page: Any) -> None:
    # No script run under way and no element left stale by the last one (Streamlit marks them).
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=LONG,
    )


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=LONG)
    _idle(page)


def _shot(page: Any, name: str) -> str:
    """Save a small palette PNG of the visible page; return its file name."""
    from PIL import Image

    path = SHOTS / f"walkthrough-tipdm-{name}.png"
    page.screenshot(path=str(path))
    with Image.open(path) as image:
        small = image.convert("RGB").resize((image.width * 2 // 3, image.height * 2 // 3))
        small.quantize(colors=64).save(path, optimize=True)
    return path.name


def _text(page: Any, pattern: str) -> re.Match[str]:
    """Wait for text matching a pattern in the main area; return the match."""
    shown = page.locator('[data-testid="stMain"]').get_by_text(re.compile(pattern)).first
    shown.wait_for(timeout=LONG)
    found = re.search(pattern, shown.inner_text())
    if found is None:
        raise AssertionError(f"not on screen: {pattern}")
    return found


class Walk:
    """One browser walk: timed steps, counts seen and screenshots."""

    def __init__(self, page: Any, url: str) -> None:
        self.page, self.url = page, url
        self.steps: list[tuple[str, float, str]] = []
        self.shots: list[str] = []

    def step(self, name: str, action: Callable[[], str]) -> None:
        start = time.perf_counter()
        seen = action()
        self.steps.append((name, time.perf_counter() - start, seen))
        print(f"  {name}: {self.steps[-1][1]:.1f} s — {seen}", flush=True)

    def upload(self, path: Path) -> str:
        page = self.page
        _open(page, f"{self.url}/import?lang=zh")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
        page.get_by_text("读取到").first.wait_for(timeout=LONG)
        _idle(page)
        mapping = {
            field: page.locator(f".st-key-import_map_{field}_ input").input_value()
            for field in ("text", "subject", "received_at", "customer_id", "source_id")
        }
        self.shots.append(_shot(page, "import"))
        return "mapping suggested: " + ", ".join(f"{f} ← {c}" for f, c in mapping.items())

    def import_rows(self) -> str:
        page = self.page
        page.get_by_role("button", name="检查数据").click()
        page.get_by_text("可以导入").wait_for(timeout=LONG)
        page.get_by_role("button", name="导入", exact=True).click()
        page.get_by_text("已导入").first.wait_for(timeout=LONG)
        return page.get_by_text("已导入").first.inner_text()

    def taxonomy(self, path: Path) -> str:
        page = self.page
        _open(page, f"{self.url}/taxonomy?lang=zh")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
        page.get_by_role("button", name="导入为新版本").click()
        page.get_by_text("已保存为版本").wait_for(timeout=LONG)
        _idle(page)
        self.shots.append(_shot(page, "taxonomy"))
        return _text(page, r"当前版本 v\d+，[^\n]+").group(0)

    def discover(self) -> str:
        page = self.page
        _open(page, f"{self.url}/discover?lang=zh")
        page.get_by_role("button", name="开始聚类").click()
        page.locator("[class*='st-key-card_']").first.wait_for(timeout=LONG)
        _idle(page)
        shown = _text(page, r"第 \d+ 次聚类：\d+ 条，k = \d+").group(0)
        edge = page.get_by_text("是候选中最大的").count()
        note = " (the largest candidate; the silhouette still rises there)" if edge else ""
        hint = page.get_by_text("大杂烩")
        if hint.count():
            # As a user would: follow the page's hint to the curve's best larger k and run again.
            said = hint.first.inner_text()
            share = re.search(r"占了 (\d+%)", said).group(1)
            better = re.search(r"以 k = (\d+) 最高", said).group(1)
            page.locator(".st-key-disc_k input").fill(better)
            page.keyboard.press("Enter")
            _idle(page)
            page.get_by_role("button", name="开始聚类").click()
            second = re.compile(f"第 2 次聚类：\\d+ 条，k = {better}")
            page.get_by_text(second).wait_for(timeout=LONG)
            _idle(page)
            again = _text(page, r"第 \d+ 次聚类：\d+ 条，k = \d+").group(0)
            note += f"; one cluster held {share}, so, as the page suggests, k = {better}: {again}"
        cards = page.locator("[class*='st-key-card_']").count()
        return f"{shown}{note}; {cards} cluster cards shown"

    def map_clusters(self) -> str:
        from playwright.sync_api import expect

        page, done = self.page, []
        cards = page.locator("[class*='st-key-card_']")
        for word, search, shown in MAPPINGS:
            found = cards.filter(has=page.get_by_text(re.compile(f"^关键词：.*{word}"))).first
            if not found.count():
                continue
            # Hold on to the card by its own key: the reruns below re-render the cards.
            no = re.search(r"st-key-card_(\d+)", found.get_attribute("class") or "").group(1)
            card = page.locator(f".st-key-card_{no}")
            card.locator("[data-testid='stSelectbox']").click()
            page.keyboard.type(search)
            page.get_by_role("option", name=shown, exact=True).click()
            _idle(page)
            names = page.locator(f".st-key-cl_name_{no} input")
            expect(names).to_have_count(1, timeout=LONG)
            names.fill(shown.split(" › ")[-1])
            card.get_by_role("button", name="保存并打标签").click()
            page.get_by_text(f"标为「{shown}」").wait_for(timeout=LONG)
            _idle(page)
            done.append(_text(page, f"已把 (\\d+) 条反馈标为「{shown}」").group(1) + f" → {shown}")
        page.locator("[class*='st-key-card_']").first.scroll_into_view_if_needed()
        self.shots.append(_shot(page, "discover"))
        return f"{len(done)} clusters mapped: " + "; ".join(done)

    def classify(self) -> str:
        page = self.page
        _open(page, f"{self.url}/classify?lang=zh")
        page.get_by_role("button", name="立即分类").click()
        page.get_by_text("已分类").first.wait_for(timeout=LONG)
        _idle(page)
        return page.get_by_text("已分类").first.inner_text()

    def pivot(self) -> str:
        page = self.page
        _open(page, f"{self.url}/dimensions?lang=zh")
        page.get_by_text("下钻到反馈").wait_for(timeout=LONG)
        _idle(page)
        latest = _text(page, r"\d{4}-\d{2} 对比 \d{4}-\d{2}").group(0)
        picker = page.locator(".st-key-dim_month [data-testid='stSelectbox']")
        picker.click()
        months = page.get_by_role("option").all_inner_texts()
        page.keyboard.press("Escape")
        for month in months:  # latest first, as a user would go back month by month
            if not page.get_by_text("这个月没有显著上升").count():
                break
            picker.click()
            page.get_by_role("option", name=month, exact=True).click()
            _text(page, f"{month} 对比")
            _idle(page)
        self.shots.append(_shot(page, "pivot"))
        shown = _text(page, r"\d{4}-\d{2} 对比 \d{4}-\d{2}").group(0)
        if shown == latest:
            return f"{latest}: a rise shown"
        return f"{latest}: nothing rising; the first month back with a rise: {shown}"


def _walk(messages: Path, taxonomy: Path, db: Path) -> Walk:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with _server(db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        walk = Walk(context.new_page(), url)
        walk.step("upload the file, mapping suggested", lambda: walk.upload(messages))
        walk.step("validate and import", walk.import_rows)
        walk.step("import the 3-level taxonomy", lambda: walk.taxonomy(taxonomy))
        walk.step("discover clusters (k suggested)", walk.discover)
        walk.step("map clusters to categories", walk.map_clusters)
        walk.step("classify everything", walk.classify)
        walk.step("open the dimension pivot", walk.pivot)
        browser.close()
    return walk


def _seen_in_store(db: Path) -> dict[str, Any]:
    """Return what the walk left in the workspace: levels, labels by origin and what rises."""
    from cxdash.dimensions import period_change, rising
    from cxdash.storage import open_store
    from cxdash.storage.labels import label_summary, monthly_counts
    from cxdash.storage.taxonomy import load_taxonomy
    from cxdash.taxonomy import display_names, level_counts

    store = open_store(db)
    try:
        tax = load_taxonomy(store)
        names = display_names(tax, "zh")
        monthly = monthly_counts(store)
        # The latest month that shows a significant rise, as the pivot step found it.
        up = next(
            (
                found
                for month in sorted(monthly["month"].unique())[1:][::-1]
                if not (found := rising(period_change(monthly, month))).empty
            ),
            rising(period_change(monthly)),
        )
        summary = label_summary(store)
        return {
            "levels": level_counts(tax),
            "origins": dict(zip(summary["origin"], summary["items"], strict=True)),
            "rising": [
                (names.get(c, c), r) for c, r in zip(up["category"], up["ratio"], strict=True)
            ][:5],
            "months": up[["month", "previous_month"]].iloc[0].tolist() if len(up) else [],
        }
    finally:
        store.close()


def _section(walk: Walk, seen: dict[str, Any]) -> str:
    lines = [
        "## Walkthrough: step 2 on the TipDM citizen messages, in Chinese, in Chromium\n",
        "A first-time user from an empty workspace: the 4,326 messages of",
        f"`{FOLDER}/{MESSAGES}` and the 3-level `{TAXONOMY}`, clicked through the pages in",
        "headless Chromium with the UI in Chinese (`bench/walkthrough.py`). Each time runs from",
        "the click to the answer on screen, so it includes the page's own rerun and rendering.\n",
        "| step | seconds | seen on screen |",
        "|---|---:|---|",
    ]
    lines += [f"| {name} | {sec:.1f} | {seen_text} |" for name, sec, seen_text in walk.steps]
    total = sum(sec for _, sec, _ in walk.steps)
    levels = " · ".join(f"level {k}: {v}" for k, v in seen["levels"].items())
    origins = ", ".join(f"{k} {int(v):,}" for k, v in seen["origins"].items())
    lines += [
        f"| **total** | **{total:.1f}** | |\n",
        f"- Taxonomy nodes per level: {levels}.",
        f"- Labels by origin after classifying: {origins}.",
    ]
    if seen["rising"]:
        month, previous = seen["months"]
        top = "; ".join(f"{name} (rate ratio {ratio:.2f})" for name, ratio in seen["rising"])
        lines.append(
            f"- Latest month with a significant rise: {month} against {previous} (Poisson"
            f" rate-ratio test, p < 0.05): {top}."
        )
    else:
        lines.append("- No category rose significantly in the last month against the one before.")
    lines.append("- Screenshots: " + ", ".join(f"`docs/{s}`" for s in walk.shots) + ".")
    return "\n".join(lines) + "\n"


def run() -> str:
    """Run the walk on the real files when present; return the Markdown section."""
    messages, taxonomy = dataset(FOLDER, MESSAGES), dataset(FOLDER, TAXONOMY)
    heading = "## Walkthrough: step 2 on the TipDM citizen messages, in Chinese, in Chromium\n"
    if messages is None or taxonomy is None:
        return heading + "\n_Skipped: the TipDM dataset is not available on this machine._\n"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return heading + "\n_Skipped: Playwright is not installed._\n"
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        return heading + "\n_Skipped: Debian chromium is not installed._\n"
    db = scratch("walkthrough-tipdm.duckdb")
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    before = os.getloadavg()[0]
    walk = _walk(messages, taxonomy, db)
    load = f"{before:.1f} / {os.getloadavg()[0]:.1f}"
    return _section(walk, _seen_in_store(db)) + f"- 1-minute load average before / after: {load}.\n"


if __name__ == "__main__":
    print(run())
