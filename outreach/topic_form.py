"""A topic's form in the Wagtail admin, with its texts in every resident language.

Japanese and English have columns of their own; the other languages' texts live
in Topic.translations (a JSON column read with the topic's own row, so no page
pays a query for them). The coordinator sees them as ordinary labelled fields,
題名（Tiếng Việt）…, and a field left empty falls back as Topic.text_in says.
"""

from django import forms
from django.conf import settings
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from outreach.models import Topic

# The languages whose texts are columns of the topic (title, title_en…).
OWN_COLUMNS = ("ja", "en")
LABELS = {
    "title": _("題名（%(language)s）"),
    "summary": _("内容（%(language)s）"),
    "what_to_bring": _("持ち物（%(language)s）"),
}
# A title as long as the English one may be; the texts are free, as in Japanese and English.
MAX_LENGTH = {"title": Topic._meta.get_field("title_en").max_length}


def translated_languages() -> list[tuple[str, str]]:
    """(code, name in itself) of the languages kept in Topic.translations."""
    return [(code, name) for code, name in settings.LANGUAGES if code not in OWN_COLUMNS]


def field_name(language: str, field: str) -> str:
    return f"{field}_{language.replace('-', '_')}"


class TopicTextsForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.translations or {}
        for code, name in translated_languages():
            for field in Topic.TRANSLATED_FIELDS:
                self.fields[field_name(code, field)] = forms.CharField(
                    label=LABELS[field] % {"language": name},
                    required=False,
                    max_length=MAX_LENGTH.get(field),
                    initial=stored.get(code, {}).get(field, ""),
                    widget=forms.TextInput(attrs={"lang": code})
                    if field == "title"
                    else forms.Textarea(attrs={"rows": 2, "lang": code}),
                )

    def save(self, commit=True):
        texts = {}
        for code, _name in translated_languages():
            entry = {
                field: value
                for field in Topic.TRANSLATED_FIELDS
                if (value := self.cleaned_data.get(field_name(code, field), "").strip())
            }
            if entry:
                texts[code] = entry
        self.instance.translations = texts
        return super().save(commit)


def topic_form_class(fields: list[str], formfield_callback=None):
    return modelform_factory(
        Topic, form=TopicTextsForm, fields=fields, formfield_callback=formfield_callback
    )
