"""The register of volunteer trainers (デジタル推進委員 and other volunteers) who help at classes.

It lives in outreach because the districts a volunteer can reach are
outreach's data, and training never imports outreach. The trainer course a
volunteer completed is training's data: it is read, never copied, through
training.queries.completed_trainer_courses().
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from outreach.models.classes import District


class VolunteerTrainerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def reaching(self, district: District):
        return self.filter(districts=district)


class VolunteerTrainer(models.Model):
    """One volunteer's entry: certification, the districts they reach, when they can help."""

    class Kind(models.TextChoices):
        # The national Digital Promotion Committee members (デジタル推進委員).
        DIGITAL_PROMOTION = "digital_promotion", _("デジタル推進委員")
        CARRIER = "carrier", _("通信事業者の社員")
        OTHER = "other", _("その他のボランティア")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("講師のアカウント"),
        on_delete=models.PROTECT,
        related_name="volunteer_trainer",
    )
    kind = models.CharField(
        _("種別"), max_length=20, choices=Kind.choices, default=Kind.DIGITAL_PROMOTION
    )
    certification_number = models.CharField(_("認定番号"), max_length=40, blank=True)
    certified_on = models.DateField(_("認定日"), null=True, blank=True)
    districts = models.ManyToManyField(
        District, verbose_name=_("行ける地区"), blank=True, related_name="volunteer_trainers"
    )
    weekdays = models.BooleanField(_("平日"), default=False)
    weekends = models.BooleanField(_("土日・祝日"), default=False)
    mornings = models.BooleanField(_("午前"), default=False)
    afternoons = models.BooleanField(_("午後"), default=False)
    availability_note = models.CharField(
        _("都合（自由記入）"),
        max_length=200,
        blank=True,
        help_text=_("例：第2・第4火曜の午後、藤野は車で行けます"),
    )
    is_active = models.BooleanField(_("活動中"), default=True)
    note = models.TextField(_("備考"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VolunteerTrainerQuerySet.as_manager()

    class Meta:
        ordering = ["-is_active", "user__display_name", "id"]
        verbose_name = _("ボランティア講師")
        verbose_name_plural = _("ボランティア講師")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def availability(self) -> list[str]:
        """The ticked times, in words ("平日", "午前"…), for lists and choosers."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("weekdays", "weekends", "mornings", "afternoons")
            if getattr(self, name)
        ]


def reaches_district(district: District):
    """An expression: the user is an active volunteer who reaches this district."""
    return Exists(VolunteerTrainer.objects.active().filter(user=OuterRef("pk"), districts=district))
