"""Demo accounts: one per role, as DESIGN.md lists them."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group

from core.models import Department, User
from core.roles import Role

# A fixed TOTP secret for the demo coordinator only, so a new user can sign in
# with `manage.py demo_totp` or any authenticator app. Never used outside seed_demo.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

DEMO_ACCOUNTS = [
    # email, display name, role, department code
    ("coordinator@example.jp", "相模 花子", Role.COORDINATOR, "dx"),
    ("trainer@example.jp", "津久井 太郎", Role.TRAINER, None),
    ("editor@example.jp", "藤野 さくら", Role.EDITOR, "dx"),
    ("staff@example.jp", "城山 健", Role.STAFF_LEARNER, "welfare"),
    ("viewer@example.jp", "橋本 誠", Role.FIGURES_VIEWER, None),
]

DEMO_DEPARTMENTS = [
    ("dx", "DX推進課"),
    ("welfare", "高齢者支援課"),
    ("citizens", "市民課"),
    ("tax", "市民税課"),
]


@dataclass
class SeedContext:
    """Passed from app to app during seed_demo."""

    stdout: object
    password: str
    password_given: bool
    users: dict[str, User] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, created: bool) -> None:
        if created:
            self.created[what] = self.created.get(what, 0) + 1

    def say(self, text: str) -> None:
        self.stdout.write(text)


def seed(ctx: SeedContext) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    departments = {}
    for code, name in DEMO_DEPARTMENTS:
        dept, created = Department.objects.get_or_create(code=code, defaults={"name": name})
        departments[code] = dept
        ctx.count("departments", created)

    for email, name, role, dept_code in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        created = user is None
        if created:
            user = User.objects.create_user(
                email=email,
                password=ctx.password,
                display_name=name,
                department=departments.get(dept_code),
            )
        elif ctx.password_given and not user.check_password(ctx.password):
            user.set_password(ctx.password)
            user.save(update_fields=["password"])
        if not user.groups.filter(name=role).exists():
            user.groups.add(Group.objects.get(name=role))
        ctx.count("accounts", created)
        ctx.users[role] = user
        if (
            role == Role.COORDINATOR
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    ctx.say(f"  accounts: {len(DEMO_ACCOUNTS)} ({ctx.created.get('accounts', 0)} new)")
