"""Forms of the coordinators' desk for staff courses: courses and quizzes, sessions,
required courses, and the fiscal-year and department filters."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.forms import combine_day_and_times
from core.models import Department, User
from core.roles import Role
from training.models import Course, CourseSession, QuizQuestion, Requirement, SkillArea
from training.planning import QuestionDraft

CHOICES_PER_QUESTION = 4
# Sessions are planned at most three months of weeks ahead in one go.
MAX_REPEAT_WEEKS = 12
# The largest room the city books for staff courses, with online sessions larger.
MAX_CAPACITY = 500


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Course) -> str:
        return obj.display_title


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SkillArea) -> str:
        return obj.display_name


class SkillAreaForm(forms.ModelForm):
    class Meta:
        model = SkillArea
        fields = ["code", "name", "name_en", "sort_order"]


class CourseForm(forms.ModelForm):
    duration_minutes = forms.IntegerField(
        label=_("所要時間（分）"),
        min_value=1,
        max_value=24 * 60,
        error_messages={
            "min_value": _("所要時間は1分以上にしてください。"),
            "max_value": _("所要時間は1440分（24時間）以内にしてください。"),
        },
    )
    pass_mark = forms.IntegerField(
        label=_("合格点（％）"),
        min_value=0,
        max_value=100,
        initial=80,
        error_messages={
            "min_value": _("合格点は0から100の間にしてください。"),
            "max_value": _("合格点は0から100の間にしてください。"),
        },
    )

    class Meta:
        model = Course
        fields = [
            "code",
            "title",
            "title_en",
            "skill_area",
            "level",
            "format",
            "duration_minutes",
            "description",
            "description_en",
            "prerequisites",
            "instructor_notes",
            "requires_quiz",
            "pass_mark",
            "qualifies_trainers",
            "is_active",
            "sort_order",
        ]
        field_classes = {"skill_area": AreaChoiceField}
        widgets = {
            "prerequisites": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "instructor_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Course.objects.select_related("skill_area")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["prerequisites"].queryset = others
        self.fields["prerequisites"].label_from_instance = lambda c: c.display_title

    def clean_prerequisites(self):
        chosen = self.cleaned_data["prerequisites"]
        if self.instance.pk and _leads_back_to(self.instance.pk, [c.pk for c in chosen]):
            raise ValidationError(
                _("先に修了が必要な研修が、この研修を前提にしています（循環しています）。")
            )
        return chosen


def _leads_back_to(course_id: int, prerequisite_ids: list[int]) -> bool:
    """Whether any chosen prerequisite (or its own prerequisites, and so on) needs `course_id`."""
    edges: dict[int, list[int]] = {}
    for course, needs in Course.prerequisites.through.objects.values_list(
        "from_course_id", "to_course_id"
    ):
        edges.setdefault(course, []).append(needs)
    seen: set[int] = set()
    stack = list(prerequisite_ids)
    while stack:
        current = stack.pop()
        if current == course_id:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(edges.get(current, []))
    return False


class QuizQuestionForm(forms.Form):
    """One question and up to four choices, one of them marked correct."""

    question_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("問題文"), max_length=300)
    text_en = forms.CharField(label=_("問題文（英語）"), max_length=400, required=False)
    correct = forms.TypedChoiceField(
        label=_("正解"),
        coerce=int,
        choices=[(n, _("選択肢%(number)d") % {"number": n}) for n in range(1, 5)],
        widget=forms.RadioSelect,
        error_messages={"required": _("正解の選択肢を選んでください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, CHOICES_PER_QUESTION + 1):
            self.fields[f"choice_{n}"] = forms.CharField(
                label=_("選択肢%(number)d") % {"number": n}, max_length=200, required=False
            )
            self.fields[f"choice_{n}_en"] = forms.CharField(
                label=_("選択肢%(number)d（英語）") % {"number": n},
                max_length=300,
                required=False,
            )

    def choice_rows(self):
        """(number, "correct" radio, Japanese field, English field) for the template's table."""
        radios = list(self["correct"])
        return [
            (n, radios[n - 1], self[f"choice_{n}"], self[f"choice_{n}_en"])
            for n in range(1, CHOICES_PER_QUESTION + 1)
        ]

    def clean(self):
        data = super().clean()
        filled = [n for n in range(1, CHOICES_PER_QUESTION + 1) if data.get(f"choice_{n}")]
        if len(filled) < 2:
            raise ValidationError(_("選択肢を2つ以上入力してください。"))
        if data.get("correct") and data["correct"] not in filled:
            self.add_error("correct", _("正解には、文を入力した選択肢を選んでください。"))
        return data

    @staticmethod
    def initial_for(question: QuizQuestion) -> dict:
        initial = {"question_id": question.pk, "text": question.text, "text_en": question.text_en}
        for n, choice in enumerate(question.choices.all(), start=1):
            initial[f"choice_{n}"], initial[f"choice_{n}_en"] = choice.text, choice.text_en
            if choice.is_correct:
                initial["correct"] = n
        return initial

    def draft(self, questions: dict[int, QuizQuestion]) -> QuestionDraft:
        data = self.cleaned_data
        delete = data.get("DELETE", False)
        question = questions.get(data.get("question_id"))
        if delete:
            return QuestionDraft(text="", question=question, delete=True)
        filled = [n for n in range(1, CHOICES_PER_QUESTION + 1) if data.get(f"choice_{n}")]
        return QuestionDraft(
            text=data["text"],
            text_en=data["text_en"],
            choices=[(data[f"choice_{n}"], data[f"choice_{n}_en"]) for n in filled],
            correct=filled.index(data["correct"]),
            question=question,
        )


class BaseQuizFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        for form in self.forms:
            question_id = form.cleaned_data.get("question_id")
            if question_id and question_id not in self.known_ids:
                raise ValidationError(_("この研修にない問題が送られました。"))

    known_ids: set[int] = set()


QuizFormSet = forms.formset_factory(
    QuizQuestionForm, formset=BaseQuizFormSet, extra=2, can_delete=True, max_num=30
)


def quiz_formset(course: Course | None, data=None) -> BaseQuizFormSet:
    questions = list(course.questions.prefetch_related("choices")) if course and course.pk else []
    formset = QuizFormSet(
        data, initial=[QuizQuestionForm.initial_for(q) for q in questions], prefix="quiz"
    )
    formset.known_ids = {q.pk for q in questions}
    formset.questions_by_id = {q.pk: q for q in questions}
    return formset


def quiz_drafts(formset: BaseQuizFormSet) -> list[QuestionDraft]:
    """The questions to save: changed or new forms, left-blank extra forms skipped."""
    return [
        form.draft(formset.questions_by_id)
        for form in formset.forms
        if form.cleaned_data and (form.has_changed() or form.cleaned_data.get("question_id"))
    ]


class InstructorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


def _instructors():
    return User.objects.filter(groups__name=Role.INSTRUCTOR, is_active=True).order_by(
        "display_name", "email"
    )


class CourseSessionForm(forms.ModelForm):
    """Plan a session; `repeat_weeks` copies it to the same weekday for following weeks.

    On an existing session the course cannot change; changes of time, place and
    capacity go through training.services.update_session.
    """

    date = forms.DateField(label=_("日付"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("開始時刻"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(label=_("終了時刻"), widget=forms.TimeInput(attrs={"type": "time"}))
    online_url = forms.URLField(
        label=_("オンライン会議のURL"), required=False, assume_scheme="https"
    )
    capacity = forms.IntegerField(
        label=_("定員"),
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={
            "min_value": _("定員は1人以上にしてください。"),
            "max_value": _("定員は%(limit_value)s人までにしてください。"),
        },
    )
    repeat_weeks = forms.IntegerField(
        label=_("毎週くり返す回数"),
        min_value=0,
        max_value=MAX_REPEAT_WEEKS,
        initial=0,
        required=False,
        help_text=_("0なら1回だけ。3なら、この日と次の3週、同じ曜日・時刻に作ります。"),
    )
    publish = forms.BooleanField(label=_("すぐに募集を始める"), required=False, initial=True)

    field_order = ["course", "date", "start_time", "end_time"]

    class Meta:
        model = CourseSession
        fields = ["course", "room", "online_url", "capacity", "instructor", "notes"]
        field_classes = {"course": CourseChoiceField, "instructor": InstructorChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Self-study has no sessions: the learner takes it alone.
        self.fields["course"].queryset = (
            Course.objects.active()
            .exclude(format=Course.Format.SELF_STUDY)
            .select_related("skill_area")
        )
        self.fields["instructor"].queryset = _instructors()
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", start.date())
            self.initial.setdefault("start_time", start.time())
            self.initial.setdefault("end_time", timezone.localtime(self.instance.ends_at).time())
            del self.fields["repeat_weeks"]
            del self.fields["publish"]
            self.fields["course"].disabled = True

    def clean(self):
        data = super().clean()
        combine_day_and_times(self, data)
        course = data.get("course")
        if course and course.format == Course.Format.ONLINE and not data.get("online_url"):
            self.add_error("online_url", _("オンライン研修には、会議のURLを入力してください。"))
        elif not data.get("room") and not data.get("online_url"):
            self.add_error("room", _("会場（部屋）か、オンライン会議のURLを入力してください。"))
        return data

    def session_changes(self) -> dict:
        data = self.cleaned_data
        changes = {name: data[name] for name in ["room", "online_url", "capacity", "instructor"]}
        changes.update(notes=data["notes"], starts_at=data["starts_at"], ends_at=data["ends_at"])
        return changes


class RequirementForm(forms.ModelForm):
    """A required course of one fiscal year; Requirement.clean() checks the combination."""

    class Meta:
        model = Requirement
        fields = [
            "course",
            "skill_area",
            "audience",
            "department",
            "job_grade",
            "due_date",
            "counts_from",
            "note",
        ]
        field_classes = {"course": CourseChoiceField, "skill_area": AreaChoiceField}
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "counts_from": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, fiscal_year: FiscalYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.fiscal_year = fiscal_year.start_year
        self.fields["course"].queryset = Course.objects.select_related("skill_area")
        self.fields["course"].empty_label = _("（分野で指定する）")
        self.fields["skill_area"].empty_label = _("（研修で指定する）")
        self.fields["department"].empty_label = _("（部署を対象にするときに選ぶ）")

    def clean(self):
        data = super().clean()
        counts_from, due = data.get("counts_from"), data.get("due_date")
        if counts_from and due and counts_from > due:
            self.add_error("counts_from", _("数え始める日は、期限より前にしてください。"))
        return data


class ProgressFilterForm(forms.Form):
    """The fiscal year (and optionally a department) the progress pages show."""

    year = forms.TypedChoiceField(label=_("年度"), coerce=int, required=False)
    department = forms.ModelChoiceField(
        label=_("部署"),
        queryset=Department.objects.order_by("code"),
        required=False,
        empty_label=_("すべての部署"),
    )

    def __init__(self, data=None, *, years: list[int], **kwargs):
        # Without a year in the address the form shows (and means) this fiscal year.
        if data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = str(FiscalYear.current().start_year)
        super().__init__(data, **kwargs)
        self.initial.setdefault("year", FiscalYear.current().start_year)
        self.fields["year"].choices = [(y, FiscalYear(y).label) for y in years]

    def fiscal_year(self) -> FiscalYear:
        if self.is_valid() and self.cleaned_data.get("year"):
            return FiscalYear(self.cleaned_data["year"])
        return FiscalYear.current()

    def chosen_department(self) -> Department | None:
        return self.cleaned_data.get("department") if self.is_valid() else None


def fiscal_years_to_offer() -> list[int]:
    """The years that have requirements, this one and the next, newest first."""
    current = FiscalYear.current().start_year
    years = set(Requirement.objects.values_list("fiscal_year", flat=True).distinct())
    years.update({current, current + 1})
    return sorted(years, reverse=True)
