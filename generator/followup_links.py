"""Where the follow-up pages are, and the one line that links a plan's or a
body's page to its printable report (a module of its own so that the page
emitters can link to the reports without importing them)."""

from __future__ import annotations

from .links import relative
from .render import esc

FOLLOW_DIR = "theo-doi"
FOLLOW_ALL = "tat-ca"  # the list behind the site-wide figures
FOLLOW_PLANS = f"{FOLLOW_DIR}/van-ban.md"  # every plan's figures, when the home page shows only some
REPORT_DIR = "bao-cao"


def followup_md(org_id: str | None = None) -> str:
    """theo-doi/<organisation>.md, or theo-doi/tat-ca.md for every organisation."""
    return f"{FOLLOW_DIR}/{org_id or FOLLOW_ALL}.md"


def plan_report_md(plan_id: str) -> str:
    return f"{REPORT_DIR}/ke-hoach/{plan_id}.md"


def agency_report_md(agency_id: str) -> str:
    return f"{REPORT_DIR}/co-quan/{agency_id}.md"


def report_link(report_md: str, here: str, what: str) -> str:
    """ "Báo cáo tình hình thực hiện (bản in)" under a page's figures."""
    return (
        f'<p class="kh-report-link kh-noprint" data-pagefind-ignore><a href="{esc(relative(here, report_md))}">'
        f"Báo cáo tình hình thực hiện {esc(what)}</a> (bản để in, gửi Ban Thường vụ)</p>\n"
    )
