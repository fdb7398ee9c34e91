"""The navigation: one section per part of the loop, in the loop's order, with stable URL paths."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cxdash.ui.context import t


@dataclass(frozen=True)
class PageSpec:
    """A page: its section, script, stable URL path and icon; its title is `nav.<url_path>`."""

    section: str
    script: str
    url_path: str
    icon: str
    hidden: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "overview", ":material/dashboard:"),
    PageSpec("solutions", "pages/solutions.py", "solutions", ":material/lightbulb:"),
    PageSpec("solutions", "pages/report.py", "report", ":material/summarize:"),
    PageSpec("solutions", "pages/meetings.py", "meetings", ":material/groups:"),
)

SECTION_ORDER = (
    "overview",
    "collect",
    "classify",
    "journey",
    "needs",
    "solutions",
    "verify",
    "quality",
    "settings",
)


def build_navigation() -> dict[str, list[st.Page]]:
    """Return the st.navigation mapping of translated section titles to their pages."""
    sections: dict[str, list[st.Page]] = {}
    for section in SECTION_ORDER:
        specs = [p for p in PAGES if p.section == section]
        if not specs:
            continue
        sections[t(f"section.{section}")] = [
            st.Page(
                p.script,
                title=t(f"nav.{p.url_path.replace('-', '_')}"),
                url_path=p.url_path,
                icon=p.icon,
                default=p.url_path == "overview",
                visibility="hidden" if p.hidden else "visible",
            )
            for p in specs
        ]
    return sections
