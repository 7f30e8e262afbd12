"""The figures' forms: which year, district and topic to show; the year's targets."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fiscal import FiscalYear
from metrics import figures
from metrics.measures import TARGETABLE, UNIT_LABELS, Unit
from outreach import queries as outreach


def year_choices() -> list[tuple[int, str]]:
    """Years with classes on record, and this year whatever happens."""
    years = set(figures.years_on_record()) | {FiscalYear.current().start_year}
    return [(year, FiscalYear(year).label) for year in sorted(years, reverse=True)]


class FiguresFilterForm(forms.Form):
    """From the query string; an unknown year, district or topic is an error, not a 500."""

    year = forms.TypedChoiceField(label=gettext_lazy("年度"), coerce=int, required=False)
    district = forms.ChoiceField(label=gettext_lazy("地区（教室の会場）"), required=False)
    topic = forms.ChoiceField(label=gettext_lazy("講座"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["year"].error_messages["invalid_choice"] = _(
            "その年度の集計はありません。一覧から年度を選んでください。"
        )
        self.districts = {d.code: d for d in outreach.districts()}
        self.fields["district"].choices = [("", _("すべての地区"))] + [
            (code, d.display_name) for code, d in self.districts.items()
        ]
        self.fields["district"].error_messages["invalid_choice"] = _(
            "その地区は見つかりません。一覧から地区を選んでください。"
        )
        self.topics = {t.slug: t for t in outreach.class_topics()}
        self.fields["topic"].choices = [("", _("すべての講座"))] + [
            (slug, t.display_title) for slug, t in self.topics.items()
        ]
        self.fields["topic"].error_messages["invalid_choice"] = _(
            "その講座は見つかりません。一覧から講座を選んでください。"
        )

    def filters(self) -> figures.Filters:
        data = self.cleaned_data
        district = self.districts.get(data.get("district") or "")
        topic = self.topics.get(data.get("topic") or "")
        year = FiscalYear(data["year"]) if data.get("year") else FiscalYear.current()
        return figures.Filters(
            year,
            district_id=district.pk if district else None,
            topic_id=topic.pk if topic else None,
        )

    def chosen_district(self):
        return self.districts.get(self.cleaned_data.get("district") or "")

    def chosen_topic(self):
        return self.topics.get(self.cleaned_data.get("topic") or "")

    def query(self) -> dict[str, str]:
        """The filters as a query string's values, for links to exports and the report."""
        return {
            key: str(value) for key, value in self.cleaned_data.items() if value not in (None, "")
        }


class TargetsForm(forms.Form):
    """One field per measure that can have a target; blank clears it."""

    def __init__(self, *args, current: dict[str, Decimal] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for measure in TARGETABLE:
            maximum = Decimal(100) if measure.unit == Unit.PERCENT else None
            field = forms.DecimalField(
                label=measure.label,
                required=False,
                min_value=Decimal(0),
                max_value=maximum,
                max_digits=12,
                decimal_places=2,
                help_text=measure.definition,
                initial=current.get(measure.key),
                error_messages={
                    "invalid": _("数字で入力してください（例：1200）。"),
                    "min_value": _("0以上の数を入力してください。"),
                    "max_value": _("100以下の数を入力してください（割合は%%で）。"),
                    "max_digits": _("数字が大きすぎます。"),
                    "max_decimal_places": _("小数は2けたまでです。"),
                },
            )
            field.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
            field.unit = UNIT_LABELS[measure.unit]
            self.fields[measure.key] = field

    def values(self) -> dict[str, Decimal | None]:
        return dict(self.cleaned_data)
