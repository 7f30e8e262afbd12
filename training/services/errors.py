"""Why an enrolment cannot be made or changed; str(exc) is a polite message in the reader's language.

The message is translated when the exception is raised, so a view shows it
as it is. Every refusal leaves the database as it was.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class EnrolmentError(Exception):
    """An enrolment that cannot be made or changed."""

    def __init__(self, message: str | None = None):
        super().__init__(message or self.default_message())

    def default_message(self) -> str:
        return _("受け付けられませんでした。お手数ですが、研修担当にお問い合わせください。")


class AlreadyEnrolled(EnrolmentError):
    def default_message(self) -> str:
        return _(
            "この研修にはすでに申し込んでいます。別の日に変えたいときは、"
            "今の申込を取り消してから申し込んでください。"
        )


class SessionNotOpen(EnrolmentError):
    """A draft, cancelled or started session."""

    def default_message(self) -> str:
        return _("この開催回は申込を受け付けていません。ほかの日をお選びください。")


class CourseNotOpen(EnrolmentError):
    def default_message(self) -> str:
        return _("この研修は、いまは募集していません。")


class PrerequisitesMissing(EnrolmentError):
    def __init__(self, titles: list[str]):
        self.titles = titles
        super().__init__(
            _("先に「%(titles)s」を修了してください。修了すると申し込めます。")
            % {"titles": "」「".join(titles)}
        )


class WrongFormat(EnrolmentError):
    """A session of a self-study course, or self-study of a course run in sessions."""


class LearnerNotActive(EnrolmentError):
    def default_message(self) -> str:
        return _("このアカウントは現在使われていないため、申し込めません。")


class NotAllowedNow(EnrolmentError):
    """A step that does not fit where the enrolment is (a quiz before attending…)."""
