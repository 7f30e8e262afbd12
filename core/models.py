import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A city department (部署); staff courses are required per department."""

    name = models.CharField(_("部署名"), max_length=100, unique=True)
    code = models.SlugField(_("部署コード"), max_length=30, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("部署")
        verbose_name_plural = _("部署")

    def __str__(self) -> str:
        return self.name


class JobGrade(models.TextChoices):
    """Job grades (職位) of a city's staff, lowest first; required courses may target one.

    管理職 (managers) are 課長級 and above, the usual line in Japanese cities.
    """

    STAFF = "staff", _("主事・技師")
    SENIOR = "senior", _("主任")
    CHIEF = "chief", _("係長級")
    ASSISTANT_MANAGER = "assistant_manager", _("課長補佐級")
    MANAGER = "manager", _("課長級")
    DIRECTOR = "director", _("部長級")

    @classmethod
    def managerial(cls) -> list[str]:
        return [cls.MANAGER, cls.DIRECTOR]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: city staff, trainers and editors.

    Residents never need an account; they are outreach.Resident rows.
    """

    email = models.EmailField(_("メールアドレス"), unique=True)
    display_name = models.CharField(_("表示名"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("部署"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    # City staff only (from HR's file); empty for volunteers and demo accounts.
    staff_number = models.CharField(
        _("職員番号"), max_length=20, unique=True, null=True, blank=True
    )
    name_kana = models.CharField(_("ふりがな"), max_length=100, blank=True)
    job_grade = models.CharField(
        _("職位"), max_length=20, choices=JobGrade.choices, blank=True, default=""
    )
    # 新規採用職員: staff who joined in a fiscal year are its "new staff".
    joined_on = models.DateField(_("採用日"), null=True, blank=True)
    is_active = models.BooleanField(_("有効"), default=True)
    is_staff = models.BooleanField(
        _("管理サイト"), default=False, help_text=_("Django の管理用。通常は使いません。")
    )
    date_joined = models.DateTimeField(_("登録日時"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("ユーザー")
        verbose_name_plural = _("ユーザー")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email

    @property
    def is_manager(self) -> bool:
        return self.job_grade in JobGrade.managerial()

    def has_role(self, role: str) -> bool:
        from core.roles import user_has_role

        return user_has_role(self, role)


class AuditEvent(models.Model):
    """Who did what to personal data, for the yearly audit (exports, merges, views of rosters)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("操作"), max_length=60)
    object_type = models.CharField(_("対象の種類"), max_length=60, blank=True)
    object_id = models.CharField(_("対象のID"), max_length=60, blank=True)
    detail = models.JSONField(_("詳細"), default=dict, blank=True)
    created_at = models.DateTimeField(_("日時"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("監査ログ")
        verbose_name_plural = _("監査ログ")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AppendOnly(Exception):
    """The access log is never changed or deleted (the database refuses it too, on PostgreSQL)."""


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("the access log is append-only")

    def delete(self):
        raise AppendOnly("the access log is append-only")

    def matching(self, *, actor=None, what: str = "", since=None, until=None):
        """The coordinators' filters: who, what, and a date range (both days included)."""
        rows = self
        if actor is not None:
            rows = rows.filter(actor=actor)
        if what:
            rows = rows.filter(what=what)
        # Days in Japan time, as bounds on created_at itself so its index is used.
        tz = timezone.get_current_timezone()
        if since is not None:
            rows = rows.filter(created_at__gte=dt.datetime.combine(since, dt.time(), tzinfo=tz))
        if until is not None:
            next_day = until + dt.timedelta(days=1)
            rows = rows.filter(created_at__lt=dt.datetime.combine(next_day, dt.time(), tzinfo=tz))
        return rows


class AccessEvent(models.Model):
    """One view, print or export of personal data: who, what, when and from where.

    Append-only: save() refuses to change a row, delete() refuses, the queryset
    refuses update() and delete(), and on PostgreSQL a trigger (migration
    core.0004) refuses UPDATE and DELETE from any client. It names what was
    seen by kind and id, never by a resident's name or number, so it keeps no
    personal data of residents that the keeping period would have to erase.
    """

    # PROTECT: staff accounts are deactivated, never deleted, while the log names them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    what = models.CharField(_("見たもの"), max_length=40, db_index=True)
    object_type = models.CharField(_("対象の種類"), max_length=60, blank=True)
    object_id = models.CharField(_("対象のID"), max_length=60, blank=True)
    path = models.CharField(_("アドレス"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IPアドレス"), null=True, blank=True)
    detail = models.JSONField(_("詳細"), default=dict, blank=True)
    created_at = models.DateTimeField(_("日時"), default=timezone.now, db_index=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("アクセスログ")
        verbose_name_plural = _("アクセスログ")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.what} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("the access log is append-only")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("the access log is append-only")
