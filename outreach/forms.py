"""Forms for residents (finder, registration) and for the coordinator desk."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.city_data import needs_lang_ja
from core.models import User
from core.roles import Role
from outreach.models import ClassSession, ConsentMethod, District, Registration, Resident, Topic
from outreach.phones import parse_phone
from outreach.services import Consent
from outreach.services.identity import CORRECTABLE
from outreach.volunteer_helpers import HelperChoiceField, class_district


class CityDataSelect(forms.Select):
    """A list of the city's names: an option cannot hold a span, so an option whose
    name the city wrote only in Japanese carries lang="ja" itself (core.city_data)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value and needs_lang_ja(label):
            option["attrs"]["lang"] = "ja"
        return option


class DistrictChoiceField(forms.ModelChoiceField):
    widget = CityDataSelect

    def label_from_instance(self, obj: District) -> str:
        return obj.display_name


class TopicChoiceField(forms.ModelChoiceField):
    widget = CityDataSelect

    def label_from_instance(self, obj: Topic) -> str:
        return obj.display_title


# Django's own wording for these is terse, and for easy Japanese it is standard
# Japanese; residents get the city's polite wording in their language instead.
POLITE_FIELD_ERRORS = {
    "max_length": _("%(limit_value)d文字までで入力してください（いまは%(show_value)d文字です）。"),
    "invalid_choice": _("一覧の中から選んでください。"),
    "invalid": _("日付は、例のように入力してください：2026-12-01"),
}


def use_polite_errors(form: forms.Form) -> None:
    for field in form.fields.values():
        codes = set(field.error_messages)
        if getattr(field, "max_length", None):
            codes.add("max_length")  # raised by the field's MaxLengthValidator
        for code in codes & POLITE_FIELD_ERRORS.keys():
            field.error_messages[code] = POLITE_FIELD_ERRORS[code]


def districts_mountainous_first():
    # 中山間地域 first: the finder is built for the residents furthest from a class.
    return District.objects.order_by("-is_mountainous", "flyer_number")


class ClassFilterForm(forms.Form):
    district = DistrictChoiceField(
        label=_("地区"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("すべての地区"),
    )
    topic = TopicChoiceField(
        label=_("内容"), queryset=Topic.objects.all(), required=False, empty_label=_("すべての内容")
    )
    date_from = forms.DateField(
        label=_("この日から"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts_mountainous_first()
        use_polite_errors(self)


class TelInput(forms.TextInput):
    # The type belongs to the widget: set as an attribute, it is written a second
    # time beside the widget's own type="text", and browsers keep the first.
    input_type = "tel"


class PhoneField(forms.CharField):
    """A phone number written any usual way, cleaned to a PhoneNumber in E.164."""

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return parse_phone(value)


class RegistrationForm(forms.Form):
    """What a resident (or a family member for them) fills in on the web."""

    name = forms.CharField(label=_("お名前"), max_length=100)
    name_kana = forms.CharField(
        label=_("ふりがな"),
        max_length=100,
        required=False,
        help_text=_("ひらがなでも、カタカナでもかまいません。"),
    )
    phone = PhoneField(
        label=_("電話番号"),
        help_text=_("携帯電話か、家の電話の番号。例：090-1234-5678。教室の前日にお知らせします。"),
        error_messages={"required": _("電話番号を入力してください。")},
    )
    party_size = forms.TypedChoiceField(
        label=_("参加する人数"),
        coerce=int,
        choices=[(1, _("1人")), (2, _("2人（ご夫婦など、ご一緒に）"))],
        initial=1,
        widget=forms.RadioSelect,
    )
    phone_kind = forms.ChoiceField(
        label=_("お使いの電話"),
        choices=Registration.PhoneKind.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    needs_loaner_device = forms.BooleanField(label=_("貸出用のスマホを使いたい"), required=False)
    district = DistrictChoiceField(
        label=_("お住まいの地区"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("答えない"),
    )
    age_band = forms.ChoiceField(label=_("年代"), choices=Resident.AgeBand.choices, required=False)
    consent = forms.BooleanField(
        label=_("上の「個人情報の使い方」に同意します"),
        error_messages={"required": _("申し込むには、個人情報の使い方への同意が必要です。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts_mountainous_first()
        self.fields["name"].error_messages["required"] = _("お名前を入力してください。")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        use_polite_errors(self)

    def given_consent(self) -> Consent:
        # The form cannot be valid without its consent box ticked.
        return Consent(ConsentMethod.WEB_FORM)

    def registration_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data.get("name", ""),
            "name_kana": data.get("name_kana", ""),
            "phone": data["phone"],
            "party_size": data["party_size"],
            "phone_kind": data["phone_kind"],
            "needs_loaner_device": data["needs_loaner_device"],
            "district": data["district"],
            "age_band": data["age_band"],
            "consent": self.given_consent(),
        }


# How consent can be given at the phone desk (the web form and the voice menu have their own).
DESK_CONSENT_METHODS = [
    ConsentMethod.DESK_READ_OUT,
    ConsentMethod.DESK_FAMILY,
    ConsentMethod.DESK_WRITTEN,
    ConsentMethod.DESK_IN_PERSON,
]


class DeskRegistrationForm(RegistrationForm):
    """The coordinator's phone form: a class chooser, and how consent was given.

    With `resident` (a person the coordinator found on file) the name comes from
    their record; the phone may be another (a daughter calling from her mobile).
    """

    session = forms.ModelChoiceField(
        label=_("教室"), queryset=ClassSession.objects.none(), empty_label=None
    )
    consent = forms.BooleanField(
        label=_("個人情報の使い方をお伝えし、同意をいただきました"),
        error_messages={"required": _("同意をいただいてから受け付けてください。")},
    )
    consent_method = forms.ChoiceField(
        label=_("同意のいただき方"),
        choices=[(method.value, method.label) for method in DESK_CONSENT_METHODS],
        widget=forms.RadioSelect,
        error_messages={"required": _("同意をどのようにいただいたかを選んでください。")},
    )

    field_order = ["session", "phone", "name", "name_kana", "party_size", "needs_loaner_device"]

    def __init__(self, *args, sessions=None, resident: Resident | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.resident = resident
        if resident is not None:
            del self.fields["name"], self.fields["name_kana"]
            self.fields["phone"].required = False
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: (
            f"{timezone.localtime(s.starts_at):%m/%d %H:%M} {s.venue.display_name} "
            f"{s.display_title}（{_('残り')}{s.seats_left}）"
        )

    def given_consent(self) -> Consent:
        return Consent(self.cleaned_data["consent_method"])

    def registration_kwargs(self) -> dict:
        return {**super().registration_kwargs(), "resident": self.resident}


class ConfirmNameForm(forms.Form):
    """The name the desk heard when it called a voice-menu caller back."""

    name = forms.CharField(
        label=_("お名前"),
        max_length=100,
        error_messages={"required": _("お名前を入力してください。")},
    )
    name_kana = forms.CharField(label=_("ふりがな"), max_length=100, required=False)


class ResidentCorrectionForm(forms.ModelForm):
    """A coordinator corrects a resident's own details (an audit line records which)."""

    phone = PhoneField(label=_("電話番号"), required=False)

    class Meta:
        model = Resident
        fields = list(CORRECTABLE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts_mountainous_first()
        # Stand-ins for walk-ins and voice callers may have no kana yet.
        self.fields["name_kana"].required = False
        self.fields["language"] = forms.ChoiceField(
            label=_("ことば"), choices=settings.LANGUAGES, required=True
        )

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ClassSessionForm(forms.ModelForm):
    """Plan a class; `repeat_weeks` copies it to the same weekday for following weeks."""

    date = forms.DateField(label=_("日付"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("開始時刻"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(label=_("終了時刻"), widget=forms.TimeInput(attrs={"type": "time"}))
    repeat_weeks = forms.IntegerField(
        label=_("毎週くり返す回数"),
        min_value=0,
        max_value=12,
        initial=0,
        required=False,
        help_text=_("0なら1回だけ。3なら、この日と次の3週、同じ曜日・時刻に作ります。"),
    )
    publish = forms.BooleanField(label=_("すぐに公開する"), required=False, initial=True)

    class Meta:
        model = ClassSession
        fields = [
            "topic",
            "venue",
            "title",
            "capacity",
            "loaner_devices",
            "lead_trainer",
            "helpers",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trainers = User.objects.filter(groups__name=Role.TRAINER, is_active=True).order_by(
            "display_name"
        )
        self.fields["lead_trainer"].queryset = trainers
        # Volunteers show their districts and qualification (the register);
        # those who reach the class's district are listed first.
        self.fields["helpers"] = HelperChoiceField(
            district=class_district(self),
            keep=self.instance.helpers.all() if self.instance.pk else (),
        )
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", start.date())
            self.initial.setdefault("start_time", start.time())
            self.initial.setdefault("end_time", timezone.localtime(self.instance.ends_at).time())
            del self.fields["repeat_weeks"]
            del self.fields["publish"]

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time") and data.get("end_time"):
            tz = timezone.get_current_timezone()
            starts = dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz)
            ends = dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz)
            if ends <= starts:
                self.add_error("end_time", _("終了時刻は開始時刻より後にしてください。"))
            data["starts_at"], data["ends_at"] = starts, ends
        return data


class CancelClassForm(forms.Form):
    reason = forms.CharField(label=_("中止の理由（参加者にお知らせします）"), max_length=200)


class MoveRegistrationForm(forms.Form):
    to_session = forms.ModelChoiceField(
        label=_("移動先の教室"), queryset=ClassSession.objects.none()
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_session"].queryset = sessions
        self.fields["to_session"].label_from_instance = lambda s: (
            f"{timezone.localtime(s.starts_at):%m/%d %H:%M} {s.venue.display_name} {s.display_title}"
        )


def validation_messages(exc: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as {field: [messages]} ("__all__" when it has none)."""
    if hasattr(exc, "error_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {"__all__": list(exc.messages)}


class EraseResidentForm(forms.Form):
    """The coordinator's second step before erasing: why, and a deliberate tick."""

    reason = forms.CharField(
        label=_("消去の理由（ご本人からの依頼の内容）"),
        max_length=200,
        help_text=_("例：ご本人から電話で消去の依頼（受付者の名前）"),
    )
    confirm = forms.BooleanField(
        label=_("お名前、ふりがな、電話番号、連絡の本文が消え、元に戻せないことを確かめました"),
    )
