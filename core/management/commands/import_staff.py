from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from core.models import JobGrade
from core.services import import_staff
from core.staff_import import (
    FIELD_LABELS,
    ImportPlan,
    StaffFileError,
    plan_staff_import,
    read_staff_file,
)


class Command(BaseCommand):
    help = (
        "Import HR's staff file (CSV: 職員番号,氏名,ふりがな,所属コード,所属名,職位,メールアドレス,採用日; "
        "UTF-8 with or without BOM, or Shift_JIS/cp932). By default the file is FULL: it lists "
        "every member of staff, and imported staff missing from it are deactivated (never "
        "deleted). With --partial the file only adds and updates people (new staff, transfers) "
        "and nobody is deactivated. Any bad row stops the whole file: nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="HR's CSV file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would change (new, changed fields old → new, deactivated); write nothing.",
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="The file lists only some staff: add and update them, deactivate nobody.",
        )
        parser.add_argument(
            "--allow-mass-deactivation",
            action="store_true",
            help=(
                "Deactivate the leavers even when they are more than 10%% of the active staff "
                "(a full file that drops that many is usually cut short)."
            ),
        )
        parser.add_argument(
            "--encoding",
            help="The file's encoding when it is neither UTF-8 nor cp932 (e.g. euc_jp).",
        )

    def handle(self, *args, file: Path, dry_run: bool, partial: bool, **options):
        try:
            data = file.read_bytes()
            staff_file = read_staff_file(data, options["encoding"])
        except OSError as exc:
            raise CommandError(_("ファイルを開けません: %(error)s") % {"error": exc}) from None
        except StaffFileError as exc:
            raise CommandError(str(exc)) from None

        mode = _("一部のファイル（--partial）") if partial else _("全員のファイル")
        self.stdout.write(
            _("%(file)s を読みました: %(rows)s 行（文字コード %(enc)s、%(mode)s）")
            % {
                "file": file.name,
                "rows": staff_file.line_count,
                "enc": staff_file.encoding,
                "mode": mode,
            }
        )
        kwargs = {
            "partial": partial,
            "allow_mass_deactivation": options["allow_mass_deactivation"],
            "progress": self._progress,
        }
        if dry_run:
            plan = plan_staff_import(staff_file, **kwargs)
        else:
            try:
                plan = import_staff(staff_file, source=file.name, **kwargs)
            except IntegrityError:
                # Someone changed an account in the admin while the file was written.
                raise CommandError(
                    _(
                        "読み込み中に別の変更と重なりました。何も書き込んでいません。もう一度実行してください。"
                    )
                ) from None
        self._print_plan(plan)
        if plan.problems:
            for problem in plan.problems:
                self.stderr.write(
                    _("%(line)s 行目: %(message)s")
                    % {"line": problem.line, "message": problem.message}
                )
            raise CommandError(
                _("問題のある行が %(count)s 件あるため、何も書き込みませんでした。")
                % {"count": len(plan.problems)}
            )
        if plan.refusal:
            raise CommandError(plan.refusal + " " + _("何も書き込みませんでした。"))
        if not plan.has_changes:
            self.stdout.write(_("変更はありません。"))
        elif dry_run:
            self.stdout.write(_("試しの実行です。何も書き込んでいません。"))
        else:
            self.stdout.write(self.style.SUCCESS(_("読み込みました。")))

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(_("  … %(done)s / %(total)s") % {"done": done, "total": total})

    def _print_plan(self, plan: ImportPlan) -> None:
        if plan.problems:
            return
        write = self.stdout.write
        for change in plan.departments:
            if change.old_name is None:
                write(
                    _("所属を追加: %(code)s %(name)s")
                    % {"code": change.code, "name": change.new_name}
                )
            else:
                write(
                    _("所属名を変更: %(code)s %(old)s → %(new)s")
                    % {"code": change.code, "old": change.old_name, "new": change.new_name}
                )
        for row in plan.new_staff:
            write(
                _("追加: %(number)s %(name)s <%(email)s>（%(dept)s・%(grade)s）")
                % {
                    "number": row.staff_number,
                    "name": row.name,
                    "email": row.email,
                    "dept": row.department_name,
                    "grade": JobGrade(row.job_grade).label,
                }
            )
        for change in plan.changed_staff:
            parts = [
                f"{FIELD_LABELS[key]} {_shown(key, old)} → {_shown(key, new)}"
                for key, (old, new) in change.changes.items()
            ]
            write(
                _("変更: %(number)s %(name)s: %(changes)s")
                % {
                    "number": change.row.staff_number,
                    "name": change.row.name,
                    "changes": "、".join(parts),
                }
            )
        for user in plan.leavers:
            write(
                _("無効にする: %(number)s %(name)s（ファイルにありません）")
                % {"number": user.staff_number, "name": user.display_name}
            )
        write(
            _("合計: 追加 %(new)s 人、変更 %(changed)s 人、無効 %(gone)s 人、変更なし %(same)s 人")
            % {
                "new": len(plan.new_staff),
                "changed": len(plan.changed_staff),
                "gone": len(plan.leavers),
                "same": plan.unchanged,
            }
        )


def _shown(key: str, value) -> str:
    if value in (None, ""):
        return _("（なし）")
    if key == "job_grade":
        return str(JobGrade(value).label)
    if key == "is_active":
        return _("有効") if value else _("無効")
    return str(value)
