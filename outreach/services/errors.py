"""What outreach's services refuse, each with a polite message (str(exc)) for the person asking."""

from __future__ import annotations

from django.utils.translation import gettext as _


class RegistrationError(Exception):
    """A registration that cannot be made or changed; str(exc) is a polite message."""

    def __init__(self, message: str | None = None):
        super().__init__(message or str(self.get_default_message()))

    def get_default_message(self) -> str:
        return _("申込を受け付けられませんでした。お手数ですが、お電話でお問い合わせください。")


class AlreadyRegistered(RegistrationError):
    """The same person (same resident, or same phone and name) already holds a place here."""

    def get_default_message(self) -> str:
        return _(
            "同じお名前と電話番号で、この教室にすでに申し込まれています。"
            "内容の確認や取り消しは、受付のときにお知らせしたページからできます。"
        )


class ClassNotOpen(RegistrationError):
    """The class is a draft, cancelled, or already started."""

    def get_default_message(self) -> str:
        return _("この教室は申込を受け付けていません。ほかの日の教室をお選びください。")


class ClassNotFound(ClassNotOpen):
    """There is no class with this id (never was, or it was deleted)."""

    def get_default_message(self) -> str:
        return _("この教室は見つかりません。教室の一覧から選び直してください。")


class CancellationClosed(RegistrationError):
    """The class has started: a resident can no longer cancel their place themselves."""

    def get_default_message(self) -> str:
        return _(
            "この教室はすでに始まっているため、取り消しはできません。"
            "ご用件は、お電話でお問い合わせください。"
        )
