"""What each email to a member of staff says, and its calendar invitation.

Staff accounts record no language, so every email is written in Japanese with
the English below it: the same template rendered twice, once per language.
Invitations carry the session's UID and SEQUENCE (training.calendar), so the
event in the learner's calendar is added, updated or removed, never doubled.
"""

from __future__ import annotations

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from training.calendar import invitation
from training.models import EmailLog

Kind = EmailLog.Kind
LANGUAGES = ("ja", "en")

SUBJECTS = {
    Kind.CONFIRMED: _("受講が確定しました：%(title)s"),
    Kind.WAITLISTED: _("キャンセル待ち（%(position)s番目）で受け付けました：%(title)s"),
    Kind.PROMOTED: _("キャンセル待ちから受講が確定しました：%(title)s"),
    Kind.CANCELLED: _("受講申込が取り消されました：%(title)s"),
    Kind.SESSION_CANCELLED: _("研修の開催が中止になりました：%(title)s"),
    Kind.SESSION_CHANGED: _("研修の日時・会場が変わりました：%(title)s"),
    Kind.DUE_REMINDER: _("必修研修の期限が近づいています：%(title)s（%(due)s まで）"),
}


def invitation_method(row: EmailLog) -> str | None:
    """REQUEST (add or update the event), CANCEL (remove it), or None (no invitation)."""
    if row.kind in (Kind.CONFIRMED, Kind.PROMOTED, Kind.SESSION_CHANGED):
        return "REQUEST"
    if row.kind in (Kind.CANCELLED, Kind.SESSION_CANCELLED) and row.detail.get("held_seat"):
        return "CANCEL"
    return None


def _absolute(url_name: str, *args) -> str:
    return settings.PUBLIC_BASE_URL + reverse(url_name, args=args)


def _context(row: EmailLog) -> dict:
    context = {"row": row, "learner": row.learner, "detail": row.detail}
    if row.enrolment_id:
        enrolment = row.enrolment
        context |= {
            "enrolment": enrolment,
            "session": enrolment.session,
            "course": enrolment.course,
            "title": enrolment.course.display_title,
            "url": _absolute("training:enrolment", enrolment.pk),
        }
    else:
        requirement = row.requirement
        context |= {
            "requirement": requirement,
            "title": requirement.what,
            "url": _absolute("training:my-learning"),
        }
    return context


def _subject(row: EmailLog, context: dict) -> str:
    values = {"title": context["title"], "position": row.detail.get("position", "")}
    if row.requirement_id:
        values["due"] = context["requirement"].due_date.isoformat()
    return str(SUBJECTS[row.kind]) % values


def build(row: EmailLog, extra: dict | None = None) -> EmailMessage:
    """The email for one log row: Japanese, then English; with its invitation when it has one.

    `extra` adds to the templates' context (a due-date reminder's current progress).
    """
    subjects, bodies = [], []
    for language in LANGUAGES:
        with translation.override(language):
            context = _context(row) | (extra or {})
            subjects.append(_subject(row, context))
            bodies.append(render_to_string(f"training/email/{row.kind}.txt", context).strip())
    message = EmailMessage(
        # The service's name leads, as staff know it from the intranet.
        subject=f"【つなぐ】{subjects[0]} / {subjects[1]}",
        body=("\n\n" + "―" * 20 + "\n(English)\n\n").join(bodies) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.recipient],
        headers={"Auto-Submitted": "auto-generated"},
    )
    method = invitation_method(row)
    if method:
        with translation.override("ja"):
            ics = invitation(row.enrolment.session, row.learner, method=method)
        part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
        part.set_param("method", method)
        part.add_header("Content-Disposition", "attachment", filename="invite.ics")
        message.attach(part)
    return message
