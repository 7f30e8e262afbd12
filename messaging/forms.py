from django import forms
from django.utils.translation import gettext_lazy as _

from messaging import texts
from messaging.models import MessageTemplate
from outreach.phones import parse_phone


class TemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        unknown = texts.unknown_placeholders(body)
        if unknown:
            raise forms.ValidationError(
                _("使えない差し込み項目があります: %(names)s"),
                params={"names": ", ".join("{" + name + "}" for name in unknown)},
            )
        return body


class OptOutForm(forms.Form):
    phone = forms.CharField(label=_("電話番号"), max_length=30)
    note = forms.CharField(label=_("メモ"), max_length=200, required=False)

    def clean_phone(self):
        phone = parse_phone(self.cleaned_data["phone"])
        return getattr(phone, "as_e164", None) or str(phone)
