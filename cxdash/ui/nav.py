"""The navigation: one section per part of the loop, in the loop's order, with stable URL paths."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cxdash.access import Actor, Role
from cxdash.ui.context import t


@dataclass(frozen=True)
class PageSpec:
    """A page: its section, script, stable URL path and icon; its title is `nav.<url_path>`."""

    section: str
    script: str
    url_path: str
    icon: str
    hidden: bool = False
    needs: Role = Role.VIEWER


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "overview", ":material/dashboard:"),
    PageSpec("collect", "pages/import.py", "import", ":material/upload_file:"),
    PageSpec("collect", "pages/feedback.py", "feedback", ":material/manage_search:"),
    PageSpec("classify", "pages/taxonomy.py", "taxonomy", ":material/account_tree:"),
    PageSpec("classify", "pages/discover.py", "discover", ":material/bubble_chart:"),
    PageSpec("classify", "pages/classify.py", "classify", ":material/label:"),
    PageSpec("classify", "pages/dimensions.py", "dimensions", ":material/grid_view:"),
    PageSpec("journey", "pages/journeys.py", "journeys", ":material/route:"),
    PageSpec("journey", "pages/heatmap.py", "heatmap", ":material/grid_on:"),
    PageSpec("journey", "pages/key_points.py", "key_points", ":material/format_list_numbered:"),
    PageSpec("needs", "pages/kano.py", "kano", ":material/category:"),
    PageSpec("needs", "pages/surveys.py", "surveys", ":material/edit_note:"),
    PageSpec("needs", "pages/survey_results.py", "survey_results", ":material/poll:"),
    PageSpec("needs", "pages/respond.py", "respond", ":material/rate_review:", hidden=True),
    PageSpec("solutions", "pages/solutions.py", "solutions", ":material/lightbulb:"),
    PageSpec("solutions", "pages/tracker.py", "tracker", ":material/view_kanban:"),
    PageSpec("solutions", "pages/report.py", "report", ":material/summarize:"),
    PageSpec("solutions", "pages/meetings.py", "meetings", ":material/groups:"),
    PageSpec("quality", "pages/indicators.py", "indicators", ":material/account_tree:"),
    PageSpec("quality", "pages/complaints.py", "complaints", ":material/support_agent:"),
    PageSpec("quality", "pages/at_risk.py", "at_risk", ":material/person_alert:"),
    PageSpec(
        "settings",
        "pages/workspace.py",
        "workspace",
        ":material/settings_backup_restore:",
        needs=Role.ADMIN,
    ),
    PageSpec("settings", "pages/users.py", "users", ":material/group:", needs=Role.ADMIN),
    PageSpec("settings", "pages/audit.py", "audit", ":material/history:", needs=Role.ADMIN),
    PageSpec("verify", "pages/verify.py", "verify", ":material/fact_check:"),
    PageSpec("verify", "pages/retrospective.py", "retrospective", ":material/psychology:"),
    PageSpec("verify", "pages/cycles.py", "cycles", ":material/autorenew:"),
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


def _shown(spec: PageSpec, actor: Actor) -> bool:
    # Anonymous sessions get every route so the login gate, not a 404, answers them.
    return spec.hidden or actor.role is Role.RESPONDENT or actor.may(spec.needs)


def build_navigation(actor: Actor) -> dict[str, list[st.Page]]:
    """Return the st.navigation mapping of translated section titles to the actor's pages."""
    sections: dict[str, list[st.Page]] = {}
    for section in SECTION_ORDER:
        specs = [p for p in PAGES if p.section == section and _shown(p, actor)]
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
