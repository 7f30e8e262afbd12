"""The one navigation of the coordinators' desk, shown at the top of every desk page.

The desk's pages live in four apps (outreach, messaging, metrics, training) that
may not import each other, so the menu is built here from URL names and role
names only: core imports no app. Each link is shown only to the roles its page
lets in (the decorators in core.permissions), so nobody is offered a page that
answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.permissions import has_any_role
from core.roles import Role


@dataclass(frozen=True)
class DeskLink:
    url_name: str
    label: str
    # The roles whose page decorator lets them in (superusers pass every check).
    roles: tuple[str, ...]
    # URL names (fnmatch patterns) of the pages that belong under this link.
    section: tuple[str, ...] = ()


COORDINATOR = (Role.COORDINATOR,)

DESK_LINKS: tuple[DeskLink, ...] = (
    DeskLink(
        "outreach:desk-home",
        _("教室の一覧"),
        COORDINATOR,
        (
            "outreach:desk-roster",
            "outreach:desk-roster-print",
            "outreach:desk-class-edit",
        ),
    ),
    DeskLink("outreach:desk-class-create", _("教室を作る"), COORDINATOR),
    DeskLink("outreach:desk-phone", _("電話で受付"), COORDINATOR),
    DeskLink(
        "outreach:desk-callbacks",
        _("お名前の確認（折り返し電話）"),
        COORDINATOR,
        ("outreach:desk-callback-*", "outreach:desk-resident", "outreach:desk-resident-*"),
    ),
    DeskLink(
        "messaging_desk:inbox",
        _("SMS・留守番電話"),
        COORDINATOR,
        ("messaging_desk:*",),
    ),
    DeskLink(
        "outreach:desk-attendance",
        _("出欠の記録"),
        COORDINATOR,
        ("outreach:trainer-class-attendance",),
    ),
    DeskLink(
        "outreach:desk-volunteers",
        _("ボランティア講師の名簿"),
        COORDINATOR,
        ("outreach:desk-volunteer-*",),
    ),
    # A trainer's own rosters; a coordinator reaches every roster from the class list.
    DeskLink(
        "outreach:desk-my-classes",
        _("担当する教室"),
        (Role.TRAINER,),
        ("outreach:desk-roster", "outreach:desk-roster-print"),
    ),
    DeskLink(
        "metrics:dashboard",
        _("年度の集計"),
        (Role.FIGURES_VIEWER, Role.COORDINATOR),
        ("metrics:*",),
    ),
    DeskLink("training:desk-home", _("職員研修の窓口"), COORDINATOR, ("training:desk-*",)),
    # Who opened whose personal data: coordinators answer for it.
    DeskLink("core:access-log", _("アクセスログ"), COORDINATOR),
)


def is_desk_page(view_name: str) -> bool:
    """Whether a page (by its URL name) is one of the desk's: the menu is shown on these."""
    return any(
        view_name == link.url_name
        or any(fnmatchcase(view_name, pattern) for pattern in link.section)
        for link in DESK_LINKS
    )


def desk_links(user, view_name: str) -> list[dict]:
    """The links this person may open, the current page's marked.

    `current` is "page" for the link to this very page and "true" for the link
    of the part of the desk the page belongs to (a roster under the class list):
    the value of its aria-current attribute.
    """
    links = []
    for link in DESK_LINKS:
        if not has_any_role(user, *link.roles):
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            # An app left out of INSTALLED_APPS or its URLconf: no link to it.
            continue
        if view_name == link.url_name:
            current = "page"
        elif any(fnmatchcase(view_name, pattern) for pattern in link.section):
            current = "true"
        else:
            current = ""
        links.append({"url": url, "label": link.label, "current": current})
    return links
