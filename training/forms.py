"""Forms of the staff course pages: the catalogue's filters, the quiz, a cancellation's reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from training.models import Course, QuizQuestion, SkillArea


class SkillAreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SkillArea) -> str:
        return obj.display_name


class CatalogueFilterForm(forms.Form):
    area = SkillAreaField(
        label=_("分野"),
        queryset=SkillArea.objects.all(),
        required=False,
        empty_label=_("すべての分野"),
    )
    level = forms.ChoiceField(
        label=_("レベル"),
        choices=[("", _("すべてのレベル")), *Course.Level.choices],
        required=False,
    )
    format = forms.ChoiceField(
        label=_("形式"),
        choices=[("", _("すべての形式")), *Course.Format.choices],
        required=False,
    )
    open_only = forms.BooleanField(label=_("空席のある研修だけ"), required=False)

    def filters(self) -> dict:
        """The catalogue's keyword arguments; no filter at all for bad input (shown as an error)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "area": data["area"],
            "level": data["level"],
            "format": data["format"],
            "open_only": data["open_only"],
        }


class QuizForm(forms.Form):
    """One radio group per question; graded on the server (training.services.submit_quiz)."""

    def __init__(self, questions: list[QuizQuestion], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=_("問%(n)d. %(text)s") % {"n": number, "text": question.display_text},
                choices=[(c.pk, c.display_text) for c in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("この問題の答えを選んでください。"),
                    "invalid_choice": _("選択肢の中から選んでください。"),
                },
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("中止の理由（受講者へのメールに書かれます）"),
        max_length=200,
        error_messages={"required": _("中止の理由を入力してください。")},
    )
