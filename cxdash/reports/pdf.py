"""PDF by printing HTML with headless Chromium: real CJK text shaping and selectable text.

Chromium is already required for the browser tier and renders Chinese with the system's Noto CJK
fonts, so the PDF matches what the HTML preview shows; no second layout engine is needed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from cxdash.errors import InvalidInput

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_SECONDS = 90


def chromium_path() -> str | None:
    """Return the path of a Chromium executable, or None when none is installed."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str) -> bytes:
    """Return the PDF bytes of an HTML document printed by headless Chromium."""
    browser = chromium_path()
    if browser is None:
        raise InvalidInput("report.error.no_chromium")
    with tempfile.TemporaryDirectory(prefix="cxdash-pdf-") as folder:
        source, target = Path(folder) / "page.html", Path(folder) / "page.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--no-first-run",
            f"--user-data-dir={Path(folder) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        if not target.exists() or target.stat().st_size == 0:
            raise InvalidInput("report.error.pdf_failed", detail=done.stderr.decode()[-300:])
        return target.read_bytes()
