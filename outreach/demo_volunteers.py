"""Demo data for the volunteer-trainer register: a handful of デジタル推進委員 and others.

Called from outreach/demo.py's seed(). Each volunteer is an account with the
Trainer role and no department (they are not city staff); training's demo
later gives some of them the trainer course, which the register reads through
training.queries. Idempotent: accounts are found by email, entries by account.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from core.models import User
from core.roles import Role
from outreach.models import District, VolunteerTrainer

# email, name, kind, certification number, certified on, district codes,
# weekdays, weekends, mornings, afternoons, note on availability
DEMO_VOLUNTEERS = [
    (
        "volunteer.fujino@example.jp",
        "尾崎 和夫",
        "digital_promotion",
        "DP-14-0123",
        dt.date(2024, 6, 1),
        ["fujino", "sagamiko"],
        True,
        False,
        True,
        True,
        "車で行けます",
    ),
    (
        "volunteer.tsukui@example.jp",
        "長谷川 里美",
        "digital_promotion",
        "DP-14-0456",
        dt.date(2024, 9, 15),
        ["tsukui", "shiroyama"],
        True,
        True,
        True,
        False,
        "",
    ),
    (
        "volunteer.sagamiko@example.jp",
        "井上 正",
        "digital_promotion",
        "DP-14-0789",
        dt.date(2025, 5, 20),
        ["sagamiko", "fujino", "tsukui"],
        False,
        True,
        True,
        True,
        "土日の午後が中心",
    ),
    (
        "volunteer.hashimoto@example.jp",
        "森田 由美",
        "carrier",
        "",
        None,
        ["hashimoto", "chuo"],
        True,
        False,
        False,
        True,
        "第2・第4火曜の午後",
    ),
    (
        "volunteer.chuo@example.jp",
        "木村 浩二",
        "digital_promotion",
        "DP-14-1011",
        dt.date(2025, 11, 1),
        ["chuo", "onokita", "sagamidai"],
        True,
        True,
        True,
        True,
        "",
    ),
    (
        "volunteer.retired@example.jp",
        "清水 道子",
        "other",
        "",
        None,
        ["shiroyama"],
        True,
        False,
        True,
        False,
        "しばらく休止中",
    ),
]


def seed_volunteers(ctx) -> None:
    trainers = Group.objects.get(name=Role.TRAINER)
    districts = {d.code: d for d in District.objects.all()}
    for (
        email,
        name,
        kind,
        number,
        certified_on,
        codes,
        weekdays,
        weekends,
        mornings,
        afternoons,
        note,
    ) in DEMO_VOLUNTEERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            # No password they could sign in with until the city sets one.
            user = User.objects.create(email=email, display_name=name, password=make_password(None))
            user.groups.add(trainers)
        volunteer, created = VolunteerTrainer.objects.get_or_create(
            user=user,
            defaults={
                "kind": kind,
                "certification_number": number,
                "certified_on": certified_on,
                "weekdays": weekdays,
                "weekends": weekends,
                "mornings": mornings,
                "afternoons": afternoons,
                "availability_note": note,
                "is_active": "休止" not in note,
            },
        )
        if created:
            volunteer.districts.set([districts[c] for c in codes if c in districts])
        ctx.count("volunteers", created)
    ctx.say(
        f"  volunteer trainers: {len(DEMO_VOLUNTEERS)} ({ctx.created.get('volunteers', 0)} new)"
    )
