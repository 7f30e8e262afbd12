"""Changes of state that belong to core: importing HR's staff file."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from core import audit
from core.models import Department, User
from core.roles import Role
from core.staff_import import (
    PROGRESS_EVERY,
    PROGRESS_FROM,
    ImportPlan,
    Progress,
    StaffFile,
    plan_staff_import,
)

BATCH_SIZE = 500


def import_staff(
    staff_file: StaffFile,
    *,
    partial: bool = False,
    allow_mass_deactivation: bool = False,
    actor: User | None = None,
    source: str = "",
    progress: Progress | None = None,
) -> ImportPlan:
    """Bring the staff list in line with HR's file, all of it or nothing.

    The plan is made inside the transaction, after taking the Staff learner
    group's row lock: two imports started together (a nightly job and an
    operator) would otherwise both plan from the same picture and the second
    would try to add the same people again. A plan with a bad row or a refused
    mass deactivation writes nothing; a plan with no change writes nothing
    either, not even the audit line, so an unchanged file can run every night.
    """
    with transaction.atomic():
        learners = Group.objects.select_for_update().get(name=Role.STAFF_LEARNER)
        plan = plan_staff_import(
            staff_file,
            partial=partial,
            allow_mass_deactivation=allow_mass_deactivation,
            progress=progress,
        )
        if not plan.can_apply or not plan.has_changes:
            return plan
        departments = _apply_departments(plan)
        _release_emails(plan)
        _update_staff(plan, departments, progress)
        _add_staff(plan, departments, learners, progress)
        if plan.leavers:
            User.objects.filter(pk__in=[u.pk for u in plan.leavers]).update(is_active=False)
        audit.record(
            actor,
            "staff_import",
            source=source,
            mode="partial" if partial else "full",
            rows=plan.rows_read,
            added=len(plan.new_staff),
            changed=len(plan.changed_staff),
            deactivated=[u.staff_number for u in plan.leavers],
            departments=[d.code for d in plan.departments],
        )
    return plan


def _release_emails(plan: ImportPlan) -> None:
    """Move aside the old email of anyone whose address another row of the file takes.

    Email is unique, so when two people swap addresses (or one takes a
    colleague's old one) the first update would collide with the second.
    `.invalid` is a reserved top-level domain: the placeholder reaches nobody.
    """
    wanted = {c.row.email for c in plan.changed_staff} | {row.email for row in plan.new_staff}
    for change in plan.changed_staff:
        user = change.user
        if "email" in change.changes and user.email in wanted:
            user.email = f"released-{user.pk}@staff-import.invalid"
            user.save(update_fields=["email"])


def _apply_departments(plan: ImportPlan) -> dict[str, Department]:
    """Create and rename departments; the same two-step release as emails for swapped names."""
    existing = {d.code: d for d in Department.objects.all()}
    renames = [c for c in plan.departments if c.old_name is not None]
    wanted = {c.new_name for c in plan.departments}
    for change in renames:
        department = existing[change.code]
        if department.name in wanted:
            department.name = f"#{department.pk} {department.name}"[:100]
            department.save(update_fields=["name"])
    for change in renames:
        department = existing[change.code]
        department.name = change.new_name
        department.save(update_fields=["name"])
    created = Department.objects.bulk_create(
        [Department(code=c.code, name=c.new_name) for c in plan.departments if c.old_name is None]
    )
    existing.update({d.code: d for d in created})
    return existing


def _update_staff(plan: ImportPlan, departments: dict[str, Department], progress) -> None:
    for index, change in enumerate(plan.changed_staff, start=1):
        user, row = change.user, change.row
        user.display_name = row.name
        user.name_kana = row.name_kana
        user.email = row.email
        user.department = departments[row.department_code]
        user.job_grade = row.job_grade
        user.joined_on = row.joined_on
        user.is_active = True
        user.save(update_fields=list(change.changes))
        _report(progress, index, len(plan.changed_staff))


def _add_staff(plan: ImportPlan, departments, learners: Group, progress) -> None:
    """New staff sign in through the city's identity provider or a reset: no password."""
    new_users = [
        User(
            email=row.email,
            display_name=row.name,
            name_kana=row.name_kana,
            staff_number=row.staff_number,
            department=departments[row.department_code],
            job_grade=row.job_grade,
            joined_on=row.joined_on,
            password=make_password(None),
        )
        for row in plan.new_staff
    ]
    memberships = User.groups.through
    for start in range(0, len(new_users), BATCH_SIZE):
        batch = User.objects.bulk_create(new_users[start : start + BATCH_SIZE])
        memberships.objects.bulk_create(
            [memberships(user_id=user.pk, group_id=learners.pk) for user in batch]
        )
        _report(progress, start + len(batch), len(new_users), every=BATCH_SIZE)


def _report(progress, done: int, total: int, every: int = PROGRESS_EVERY) -> None:
    if progress and total >= PROGRESS_FROM and (done % every == 0 or done == total):
        progress(done, total)
