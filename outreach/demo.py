"""Demo data for outreach: the city's districts, some venues and the curriculum topics."""

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from core.office_days import next_open_day
from core.roles import Role
from outreach.demo_attendance import seed_attendance
from outreach.demo_history import seed_history
from outreach.demo_topic_texts import topic_translations
from outreach.demo_volunteers import seed_volunteers
from outreach.models import ClassSession, ConsentMethod, District, Topic, Venue
from outreach.services import Consent, register

DISTRICTS_CSV = Path(__file__).parent / "data" / "sagamihara-districts.csv"

# Real-sounding community centres (まちづくりセンター and 公民館); coordinates near
# the real districts so the map link lands in the right place.
DEMO_VENUES = [
    # district code, name, name_en, address, lat, lon, keeps loaner phones, accessibility
    (
        "fujino",
        "藤野公民館",
        "Fujino Community Hall",
        "相模原市緑区小渕2000",
        "35.6146",
        "139.1438",
        True,
        "入口にスロープがあります。エレベーターはありません（会場は1階です）。",
    ),
    (
        "sagamiko",
        "相模湖公民館",
        "Sagamiko Community Hall",
        "相模原市緑区与瀬896",
        "35.6131",
        "139.1898",
        True,
        "段差のない入口。車いす用トイレがあります。",
    ),
    (
        "tsukui",
        "津久井中央公民館",
        "Tsukui Central Community Hall",
        "相模原市緑区中野633",
        "35.5885",
        "139.2834",
        True,
        "駐車場から入口まで段差はありません。",
    ),
    (
        "shiroyama",
        "城山公民館",
        "Shiroyama Community Hall",
        "相模原市緑区久保沢1-3-1",
        "35.5916",
        "139.3140",
        False,
        "エレベーターがあります。",
    ),
    (
        "hashimoto",
        "橋本公民館",
        "Hashimoto Community Hall",
        "相模原市緑区橋本6-2-1",
        "35.5948",
        "139.3447",
        True,
        "駅から徒歩5分。エレベーターがあります。",
    ),
    (
        "chuo",
        "中央公民館",
        "Chuo Community Hall",
        "相模原市中央区富士見6-6-23",
        "35.5713",
        "139.3731",
        True,
        "エレベーター、車いす用トイレがあります。",
    ),
    (
        "onokita",
        "大野北公民館",
        "Onokita Community Hall",
        "相模原市中央区淵野辺3-2-8",
        "35.5681",
        "139.3947",
        False,
        "エレベーターがあります。",
    ),
    (
        "sagamidai",
        "相模台公民館",
        "Sagamidai Community Hall",
        "相模原市南区相模台3-1-6",
        "35.5143",
        "139.4170",
        False,
        "1階の会議室です。",
    ),
]
# Each venue's reading as the city says it: furigana over the name, and the name a
# call in another language says in Latin letters when a venue has no English one.
DEMO_VENUE_READINGS = {
    "藤野公民館": "ふじの こうみんかん",
    "相模湖公民館": "さがみこ こうみんかん",
    "津久井中央公民館": "つくい ちゅうおう こうみんかん",
    "城山公民館": "しろやま こうみんかん",
    "橋本公民館": "はしもと こうみんかん",
    "中央公民館": "ちゅうおう こうみんかん",
    "大野北公民館": "おおのきた こうみんかん",
    "相模台公民館": "さがみだい こうみんかん",
}

# After the national smartphone-class curriculum (デジタル活用支援 講座).
DEMO_TOPICS = [
    (
        "basics",
        "basic",
        "スマホの基本（電源・ボタン・文字入力）",
        "Smartphone basics: power, buttons and typing",
        "電源の入れ方、画面の操作、文字の入力を練習します。",
        "Turning it on, using the screen, and typing.",
        10,
    ),
    (
        "calls-camera",
        "basic",
        "電話とカメラ",
        "Calls and the camera",
        "電話のかけ方と、写真の撮り方・見方を練習します。",
        "Making calls, taking and viewing photos.",
        20,
    ),
    (
        "internet",
        "basic",
        "インターネットで調べる",
        "Searching the internet",
        "知りたいことを調べる方法を練習します。",
        "Finding what you want to know.",
        30,
    ),
    (
        "maps",
        "basic",
        "地図アプリでバスや道をさがす",
        "Maps: finding the bus and the way",
        "地図アプリで行き先とバスの時間を調べます。",
        "Find places and bus times with a maps app.",
        40,
    ),
    (
        "line",
        "basic",
        "LINEで家族とやりとり",
        "LINE with your family",
        "メッセージ、写真、ビデオ通話を練習します。",
        "Messages, photos and video calls.",
        50,
    ),
    (
        "mynumber-apply",
        "applied",
        "マイナンバーカードの申請",
        "Applying for the My Number Card",
        "スマホでマイナンバーカードを申請します。",
        "Apply for the My Number Card on your phone.",
        60,
    ),
    (
        "mynaportal",
        "applied",
        "マイナポータルと健康保険証",
        "Mynaportal and the card as health insurance card",
        "マイナポータルの使い方と、健康保険証としての利用を学びます。",
        "Using Mynaportal and the card as your health insurance card.",
        70,
    ),
    (
        "online-city",
        "applied",
        "市へのオンライン申請",
        "Online applications to the city",
        "市の手続きをスマホで申し込む方法を学びます。",
        "Apply to the city online from your phone.",
        80,
    ),
    (
        "cashless",
        "applied",
        "キャッシュレス決済",
        "Cashless payment",
        "お店でスマホで支払う方法を、安全に練習します。",
        "Pay at the shop with your phone, safely.",
        90,
    ),
    (
        "scams",
        "applied",
        "スマホの詐欺から身を守る",
        "Avoiding phone scams",
        "怪しいメッセージや電話の見分け方を学びます。",
        "Spot suspicious messages and calls.",
        100,
    ),
]


def seed_districts(ctx) -> dict[str, District]:
    districts = {}
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=1):
            district, created = District.objects.get_or_create(
                code=row["district_en"].lower(),
                defaults={
                    "ward": row["ward_ja"],
                    "ward_en": row["ward_en"],
                    "name": row["district_ja"],
                    "name_kana": row["district_kana"],
                    "name_en": row["district_en"],
                    "is_mountainous": row["mountainous"].strip().lower() == "true",
                    "flyer_number": number,
                },
            )
            districts[district.code] = district
            ctx.count("districts", created)
    ctx.say(f"  districts: {len(districts)} ({ctx.created.get('districts', 0)} new)")
    return districts


DEMO_FAMILY_NAMES = [
    ("相模", "さがみ"),
    ("津久井", "つくい"),
    ("藤野", "ふじの"),
    ("城山", "しろやま"),
    ("佐藤", "さとう"),
    ("鈴木", "すずき"),
    ("高橋", "たかはし"),
    ("田中", "たなか"),
    ("小林", "こばやし"),
    ("山本", "やまもと"),
    ("中村", "なかむら"),
    ("石井", "いしい"),
]
DEMO_GIVEN_NAMES = [
    ("ハナ", "はな"),
    ("トメ", "とめ"),
    ("一郎", "いちろう"),
    ("和子", "かずこ"),
    ("昭", "あきら"),
    ("幸子", "さちこ"),
    ("茂", "しげる"),
    ("節子", "せつこ"),
    ("清", "きよし"),
    ("洋子", "ようこ"),
]
WEEKS_AHEAD = 8
# How each demo channel records consent.
DEMO_CONSENT = {
    "web": ConsentMethod.WEB_FORM,
    "desk": ConsentMethod.DESK_READ_OUT,
    "voice": ConsentMethod.VOICE_KEYPAD,
}


def _demo_people(count: int, offset: int):
    for n in range(offset, offset + count):
        family, family_kana = DEMO_FAMILY_NAMES[n % len(DEMO_FAMILY_NAMES)]
        given, given_kana = DEMO_GIVEN_NAMES[(n // len(DEMO_FAMILY_NAMES)) % len(DEMO_GIVEN_NAMES)]
        # 090-1000-xxxx for mobiles, 042-700-xxxx for landlines: demo numbers, never dialled
        # outside the outbox.
        phone = f"090-1000-{n:04d}" if n % 3 else f"042-700-{n:04d}"
        yield f"{family} {given}", f"{family_kana} {given_kana}", phone


def seed_classes(ctx, today: dt.date | None = None) -> None:
    """Classes for the coming weeks at every venue, some full with a waiting list.

    None on a national holiday or over the year-end closure (core.office_days).
    `today` is for tests that pin the calendar; by default, today in Japan.
    """
    trainer = ctx.users.get(Role.TRAINER)
    venues = list(Venue.objects.select_related("district").order_by("id"))
    topics = list(Topic.objects.order_by("sort_order"))
    if not venues or not topics:
        return
    today = today or timezone.localdate()
    people = 0
    for week in range(WEEKS_AHEAD):
        for index, venue in enumerate(venues):
            # Never on a national holiday or over the year-end closure: the city runs none then.
            day = next_open_day(today + dt.timedelta(days=1 + index % 5 + week * 7))
            hour, minute = (10, 0) if index % 2 == 0 else (13, 30)
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
            topic = topics[(week + index) % len(topics)]
            capacity = 8 if venue.district.is_mountainous else 12
            session, created = ClassSession.objects.get_or_create(
                venue=venue,
                starts_at=starts,
                defaults={
                    "topic": topic,
                    "ends_at": starts + dt.timedelta(hours=2),
                    "capacity": capacity,
                    "loaner_devices": 4 if venue.keeps_loaner_phones else 0,
                    "lead_trainer": trainer,
                    "status": ClassSession.Status.PUBLISHED,
                },
            )
            ctx.count("classes", created)
            if not created or session.registrations.exists():
                continue
            # Every third class near the start is full with a waiting list; the rest part-filled.
            wanted = (
                capacity + 3 if (week < 3 and index % 3 == 0) else (capacity * (week % 4 + 1)) // 5
            )
            for n, (name, kana, phone) in enumerate(_demo_people(wanted, offset=index * 40)):
                channel = ("web", "desk", "voice")[n % 3]
                register(
                    session,
                    name=name,
                    name_kana=kana,
                    phone=phone,
                    channel=channel,
                    party_size=2 if n % 7 == 3 else 1,
                    needs_loaner_device=n % 4 == 0,
                    district=venue.district,
                    age_band=("70s", "80plus", "60s")[n % 3],
                    consent=Consent(DEMO_CONSENT[channel]),
                    # The voice menu never learns a name: these wait on the desk's call-back list.
                    name_confirmed=channel != "voice",
                )
                people += 1
        ctx.say(f"  classes: week {week + 1}/{WEEKS_AHEAD}")
    ctx.say(f"  classes: {ctx.created.get('classes', 0)} new, {people} registrations")


def seed_topics(ctx) -> None:
    """The curriculum topics, with their texts in every resident language."""
    for slug, level, title, title_en, summary, summary_en, order in DEMO_TOPICS:
        _topic, created = Topic.objects.get_or_create(
            slug=slug,
            defaults={
                "level": level,
                "title": title,
                "title_en": title_en,
                "summary": summary,
                "summary_en": summary_en,
                "what_to_bring": "お持ちのスマートフォン（お持ちでない方は貸し出します）、筆記用具",
                "what_to_bring_en": "Your smartphone (we lend one if you have none), a pen",
                "sort_order": order,
                "translations": topic_translations(slug),
            },
        )
        if not created and not _topic.translations:
            # A demo database seeded before the topics had their other languages.
            _topic.translations = topic_translations(slug)
            _topic.save(update_fields=["translations"])
        ctx.count("topics", created)


def seed(ctx) -> None:
    seed_upcoming_classes(ctx)

    # Attendance: can-do statements and a class today for the demo trainer.
    seed_attendance(ctx)

    # The register of volunteer trainers who help at classes.
    seed_volunteers(ctx)

    seed_history(ctx)  # two past fiscal years and this one, for the figures


def seed_upcoming_classes(ctx) -> None:
    """What a resident finds: districts, venues, topics and the coming weeks' classes."""
    districts = seed_districts(ctx)
    for code, name, name_en, address, lat, lon, loaners, notes in DEMO_VENUES:
        _venue, created = Venue.objects.get_or_create(
            name=name,
            district=districts[code],
            defaults={
                "name_kana": DEMO_VENUE_READINGS.get(name, ""),
                "name_en": name_en,
                "address": address,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "keeps_loaner_phones": loaners,
                "accessibility_notes": notes,
            },
        )
        ctx.count("venues", created)
    seed_topics(ctx)
    ctx.say(
        f"  venues: {len(DEMO_VENUES)} ({ctx.created.get('venues', 0)} new), "
        f"topics: {len(DEMO_TOPICS)} ({ctx.created.get('topics', 0)} new)"
    )
    seed_classes(ctx)
