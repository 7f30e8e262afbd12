"""HR's staff file (職員名簿): reading it, checking every row, and planning the import.

Nothing here writes: `plan_staff_import` compares the file with the database and
says what would change. `core.services.import_staff` applies a plan; a dry run
only prints it. The rules:

- staff are matched by staff number (職員番号); HR's number never changes, an
  email address can;
- every row is checked before anything is written, and one bad row stops the
  whole file, so a half-imported file never leaves the staff list between two
  states;
- a full file lists everyone employed: imported staff (those with a staff number)
  missing from it are leavers and are deactivated, never deleted. A file that
  would deactivate more than MASS_DEACTIVATION_SHARE of the active staff is far
  more likely cut short than real, so it is refused unless the operator says so.
"""

import codecs
import csv
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Department, JobGrade, User

# The columns of HR's export, with the names each may carry: Japanese as HR
# exports it, and English for files made by hand or by another system.
COLUMNS: dict[str, tuple[str, ...]] = {
    "staff_number": ("職員番号", "staff_number", "staff_no"),
    "name": ("氏名", "name"),
    "name_kana": ("ふりがな", "フリガナ", "kana", "name_kana"),
    "department_code": ("所属コード", "department_code"),
    "department_name": ("所属名", "所属", "department_name", "department"),
    "job_grade": ("職位", "job_grade"),
    "email": ("メールアドレス", "メール", "email"),
    "joined_on": ("採用日", "採用年月日", "joined_on", "date_joined"),
}
REQUIRED_COLUMNS = (
    "staff_number",
    "name",
    "department_code",
    "department_name",
    "job_grade",
    "email",
)

# HR systems write the grade as the title people hold; each maps to one JobGrade.
JOB_GRADE_NAMES: dict[str, str] = {
    **{str(label): value for value, label in JobGrade.choices},
    **{value: value for value in JobGrade.values},
    "主事": JobGrade.STAFF,
    "技師": JobGrade.STAFF,
    "係長": JobGrade.CHIEF,
    "課長補佐": JobGrade.ASSISTANT_MANAGER,
    "課長": JobGrade.MANAGER,
    "部長": JobGrade.DIRECTOR,
}

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y%m%d")

# At the end of March a Japanese city loses about 5–7 % of its staff to
# retirement and resignation; a file that drops more than 10 % is far more
# likely cut short (a failed export, a filtered sheet) than real. Up to
# MASS_DEACTIVATION_FLOOR people may always leave, so a small office is not stuck.
MASS_DEACTIVATION_SHARE = 0.10
MASS_DEACTIVATION_FLOOR = 5

# A progress line every this many rows, for files of at least PROGRESS_FROM rows.
PROGRESS_EVERY = 100
PROGRESS_FROM = 300

FIELD_LABELS = {
    "display_name": gettext_lazy("氏名"),
    "name_kana": gettext_lazy("ふりがな"),
    "email": gettext_lazy("メールアドレス"),
    "department": gettext_lazy("所属"),
    "job_grade": gettext_lazy("職位"),
    "joined_on": gettext_lazy("採用日"),
    "is_active": gettext_lazy("有効"),
}

Progress = Callable[[int, int], None]


class StaffFileError(Exception):
    """The file as a whole cannot be read (encoding, header); no row was looked at."""


@dataclass
class StaffRow:
    line: int
    staff_number: str
    name: str
    name_kana: str
    department_code: str
    department_name: str
    job_grade: str
    email: str
    joined_on: date | None


@dataclass
class Problem:
    line: int
    message: str


@dataclass
class StaffFile:
    rows: list[StaffRow]
    problems: list[Problem]
    encoding: str

    @property
    def line_count(self) -> int:
        """Rows of data read, good and bad (blank lines are not counted)."""
        return len(self.rows) + len({p.line for p in self.problems})


@dataclass
class StaffChange:
    """An existing account and the fields the file changes: {field: (old, new)}."""

    user: User
    row: StaffRow
    changes: dict[str, tuple[object, object]]


@dataclass
class DepartmentChange:
    code: str
    old_name: str | None  # None: a new department
    new_name: str


@dataclass
class ImportPlan:
    partial: bool
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    departments: list[DepartmentChange] = field(default_factory=list)
    new_staff: list[StaffRow] = field(default_factory=list)
    changed_staff: list[StaffChange] = field(default_factory=list)
    leavers: list[User] = field(default_factory=list)
    unchanged: int = 0
    # Set when the leavers are too many for a full file (see MASS_DEACTIVATION_SHARE).
    refusal: str = ""

    @property
    def has_changes(self) -> bool:
        return bool(self.departments or self.new_staff or self.changed_staff or self.leavers)

    @property
    def can_apply(self) -> bool:
        return not self.problems and not self.refusal


def decode_staff_file(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of HR's file and the encoding it was in.

    Excel saves "CSV UTF-8" with a byte-order mark and plain "CSV" in Shift_JIS
    (cp932, Microsoft's variant with the NEC and IBM extensions such as ①, 髙).
    Strict UTF-8 is tried first: cp932 bytes are almost never valid UTF-8.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
            return data.decode(encoding).lstrip("\ufeff"), encoding
        except LookupError:
            raise StaffFileError(
                _("文字コード「%(enc)s」は使えません。") % {"enc": encoding}
            ) from None
        except UnicodeDecodeError:
            raise StaffFileError(
                _("ファイルを文字コード「%(enc)s」で読めませんでした。") % {"enc": encoding}
            ) from None
    candidates = ("utf-8-sig",) if data.startswith(codecs.BOM_UTF8) else ("utf-8", "cp932")
    for candidate in candidates:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    raise StaffFileError(
        _(
            "ファイルの文字コードが UTF-8 でも Shift_JIS（cp932）でもありません。--encoding で指定してください。"
        )
    )


def _clean(value: str) -> str:
    # NFKC: full-width digits and letters from Excel (１２３, ＡＢＣ) become plain ones.
    return unicodedata.normalize("NFKC", value or "").strip()


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", _clean(name).lower())


def _column_positions(header: list[str]) -> dict[str, int]:
    names = {_header_key(alias): key for key, aliases in COLUMNS.items() for alias in aliases}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        key = names.get(_header_key(title))
        if key and key not in positions:
            positions[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED_COLUMNS if key not in positions]
    if missing:
        raise StaffFileError(
            _("1 行目（見出し）に列がありません: %(cols)s") % {"cols": "、".join(missing)}
        )
    return positions


def _parse_date(value: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(value)


def read_staff_file(data: bytes, encoding: str | None = None) -> StaffFile:
    """Every row of the file, cleaned, and the problems of each row on its own."""
    text, used = decode_staff_file(data, encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise StaffFileError(_("ファイルが空です。")) from None
    positions = _column_positions(header)
    rows: list[StaffRow] = []
    problems: list[Problem] = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue

        def cell(key: str, cells=cells) -> str:
            index = positions.get(key)
            return _clean(cells[index]) if index is not None and index < len(cells) else ""

        row_problems, row = _check_row(line, cell)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    return StaffFile(rows=rows, problems=problems, encoding=used)


def _check_row(line: int, cell: Callable[[str], str]) -> tuple[list[Problem], StaffRow | None]:
    """One row's problems that need no other row and no database."""
    problems: list[str] = []
    staff_number = cell("staff_number")
    if not staff_number:
        problems.append(_("職員番号がありません。"))
    elif len(staff_number) > 20:
        problems.append(_("職員番号が長すぎます（20 文字まで）。"))
    name = re.sub(r"\s+", " ", cell("name"))
    if not name:
        problems.append(_("氏名がありません。"))
    elif len(name) > 100:
        problems.append(_("氏名が長すぎます（100 文字まで）。"))
    name_kana = re.sub(r"\s+", " ", cell("name_kana"))[:100]
    department_code = cell("department_code")
    department_name = cell("department_name")
    if not department_code or not department_name:
        problems.append(_("所属コードと所属名の両方が必要です。"))
    elif not re.fullmatch(r"[-\w]{1,30}", department_code):
        problems.append(
            _("所属コード「%(code)s」に使えない文字があります（英数字と - _ で 30 文字まで）。")
            % {"code": department_code}
        )
    elif len(department_name) > 100:
        problems.append(_("所属名が長すぎます（100 文字まで）。"))
    grade_text = cell("job_grade")
    job_grade = JOB_GRADE_NAMES.get(grade_text, "")
    if not job_grade:
        problems.append(
            _("職位「%(grade)s」は登録されていません。使える職位: %(known)s")
            % {"grade": grade_text, "known": "、".join(str(label) for label in JobGrade.labels)}
        )
    email = cell("email").lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(
            _("メールアドレス「%(email)s」の形式が正しくありません。") % {"email": email}
            if email
            else _("メールアドレスがありません。")
        )
    joined_on = None
    if joined_text := cell("joined_on"):
        try:
            joined_on = _parse_date(joined_text)
        except ValueError:
            problems.append(
                _("採用日「%(date)s」が読めません（例: 2025-04-01 または 2025/4/1）。")
                % {"date": joined_text}
            )
    if problems:
        return [Problem(line, message) for message in problems], None
    return [], StaffRow(
        line=line,
        staff_number=staff_number,
        name=name,
        name_kana=name_kana,
        department_code=department_code,
        department_name=department_name,
        job_grade=job_grade,
        email=email,
        joined_on=joined_on,
    )


def _check_across_rows(rows: Iterable[StaffRow]) -> list[Problem]:
    """Duplicates inside the file: a staff number or email twice, a code with two names."""
    problems: list[Problem] = []
    first_line: dict[tuple[str, str], int] = {}
    department_names: dict[str, tuple[str, int]] = {}
    department_codes: dict[str, tuple[str, int]] = {}
    for row in rows:
        for kind, value, message in (
            (
                "staff_number",
                row.staff_number,
                _("職員番号 %(value)s は %(line)s 行目にもあります。"),
            ),
            ("email", row.email, _("メールアドレス %(value)s は %(line)s 行目にもあります。")),
        ):
            earlier = first_line.setdefault((kind, value), row.line)
            if earlier != row.line:
                problems.append(Problem(row.line, message % {"value": value, "line": earlier}))
        name, line = department_names.setdefault(
            row.department_code, (row.department_name, row.line)
        )
        if name != row.department_name:
            problems.append(
                Problem(
                    row.line,
                    _("所属コード %(code)s の所属名が %(line)s 行目（%(name)s）と違います。")
                    % {"code": row.department_code, "line": line, "name": name},
                )
            )
        code, line = department_codes.setdefault(
            row.department_name, (row.department_code, row.line)
        )
        if code != row.department_code:
            problems.append(
                Problem(
                    row.line,
                    _(
                        "所属名「%(name)s」は %(line)s 行目で別の所属コード（%(code)s）に使われています。"
                    )
                    % {"name": row.department_name, "line": line, "code": code},
                )
            )
    return problems


def plan_staff_import(
    staff_file: StaffFile,
    *,
    partial: bool = False,
    allow_mass_deactivation: bool = False,
    progress: Progress | None = None,
) -> ImportPlan:
    """Compare the file with the database: what would be added, changed and deactivated."""
    rows = staff_file.rows
    plan = ImportPlan(partial=partial, rows_read=staff_file.line_count)
    plan.problems = [*staff_file.problems, *_check_across_rows(rows)]

    departments = {d.code: d for d in Department.objects.all()}
    department_by_name = {d.name: d for d in departments.values()}
    users = list(User.objects.select_related("department").order_by("pk"))
    by_staff_number = {u.staff_number: u for u in users if u.staff_number}
    by_email = {u.email.lower(): u for u in users}
    in_file = {row.staff_number for row in rows}
    renamed_in_file = {row.department_code for row in rows}

    seen_departments: set[str] = set()
    for index, row in enumerate(rows, start=1):
        if progress and len(rows) >= PROGRESS_FROM and index % PROGRESS_EVERY == 0:
            progress(index, len(rows))
        if row.department_code not in seen_departments:
            seen_departments.add(row.department_code)
            _plan_department(plan, row, departments, department_by_name, renamed_in_file)
        holder = by_email.get(row.email)
        user = by_staff_number.get(row.staff_number)
        if holder is not None and holder != user and holder.staff_number not in in_file:
            plan.problems.append(Problem(row.line, _email_in_use_message(row.email, holder)))
            continue
        if user is None:
            plan.new_staff.append(row)
            continue
        changes = _field_changes(user, row)
        if changes:
            plan.changed_staff.append(StaffChange(user=user, row=row, changes=changes))
        else:
            plan.unchanged += 1

    if not partial:
        plan.leavers = [
            u for u in by_staff_number.values() if u.is_active and u.staff_number not in in_file
        ]
        if not allow_mass_deactivation:
            plan.refusal = _mass_deactivation_refusal(plan, by_staff_number.values())
    plan.problems.sort(key=lambda p: p.line)
    return plan


def _email_in_use_message(email: str, holder: User) -> str:
    if holder.staff_number:
        return _(
            "メールアドレス %(email)s は職員番号 %(number)s の職員が使っています（その職員はこのファイルにありません）。"
        ) % {"email": email, "number": holder.staff_number}
    return _(
        "メールアドレス %(email)s は職員番号のないアカウントが使っています。同じ人なら、管理画面でそのアカウントに職員番号を入れてから読み込んでください。"
    ) % {"email": email}


def _plan_department(plan, row, departments, department_by_name, renamed_in_file) -> None:
    existing = departments.get(row.department_code)
    if existing is not None and existing.name == row.department_name:
        return
    holder = department_by_name.get(row.department_name)
    if holder is not None and holder.code not in renamed_in_file:
        plan.problems.append(
            Problem(
                row.line,
                _("所属名「%(name)s」は別の所属コード（%(code)s）で登録されています。")
                % {"name": row.department_name, "code": holder.code},
            )
        )
        return
    plan.departments.append(
        DepartmentChange(
            code=row.department_code,
            old_name=existing.name if existing else None,
            new_name=row.department_name,
        )
    )


def _field_changes(user: User, row: StaffRow) -> dict[str, tuple[object, object]]:
    """{field: (old, new)} for each field the row changes; departments compared by code."""
    changes = {}
    if (user.department.code if user.department else None) != row.department_code:
        changes["department"] = (
            user.department.name if user.department else None,
            row.department_name,
        )
    current = {
        "display_name": user.display_name,
        "name_kana": user.name_kana,
        "email": user.email,
        "job_grade": user.job_grade,
        "joined_on": user.joined_on,
        "is_active": user.is_active,
    }
    wanted = {
        "display_name": row.name,
        "name_kana": row.name_kana,
        "email": row.email,
        "job_grade": row.job_grade,
        "joined_on": row.joined_on,
        "is_active": True,
    }
    changes.update(
        {key: (current[key], wanted[key]) for key in wanted if current[key] != wanted[key]}
    )
    return changes


def mass_deactivation_limit(active_staff: int) -> int:
    return max(MASS_DEACTIVATION_FLOOR, math.floor(active_staff * MASS_DEACTIVATION_SHARE))


def _mass_deactivation_refusal(plan: ImportPlan, staff: Iterable[User]) -> str:
    active = sum(1 for u in staff if u.is_active)
    limit = mass_deactivation_limit(active)
    if len(plan.leavers) <= limit:
        return ""
    return _(
        "このファイルでは有効な職員 %(active)s 人のうち %(count)s 人が無効になります（上限 %(limit)s 人）。"
        "ファイルが途中で切れていないか確かめてください。本当に退職者なら --allow-mass-deactivation を付けて実行してください。"
    ) % {"active": active, "count": len(plan.leavers), "limit": limit}
