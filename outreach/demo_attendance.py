"""Demo data for attendance: can-do statements per topic, and a class today for the demo trainer.

Called from outreach/demo.py's seed(). Idempotent: running it again adds
nothing (the class is found by topic, venue and today's start time).
"""

import datetime as dt

from django.utils import timezone

from core.roles import Role
from outreach.models import (
    CanDoStatement,
    ClassSession,
    ConsentMethod,
    Registration,
    Resident,
    Topic,
    Venue,
)

# 3–5 "I can …" statements per topic, asked before and after the class.
CAN_DO = {
    "basics": [
        ("電源を入れたり切ったりできる", "I can turn the phone on and off"),
        ("画面をタップしたりスワイプしたりできる", "I can tap and swipe on the screen"),
        ("文字を入力できる", "I can type text"),
    ],
    "calls-camera": [
        ("電話をかけたり受けたりできる", "I can make and answer a call"),
        ("写真を撮れる", "I can take a photo"),
        ("撮った写真を見られる", "I can look at the photos I took"),
    ],
    "internet": [
        ("知りたいことを検索できる", "I can search for what I want to know"),
        ("ホームページの文字を大きくできる", "I can make the text on a web page larger"),
        ("怪しい広告を閉じられる", "I can close a suspicious advert"),
    ],
    "maps": [
        ("地図アプリで今いる場所がわかる", "I can find where I am on the map app"),
        ("行き先までの道を調べられる", "I can find the way to a place"),
        ("バスの時間を調べられる", "I can look up bus times"),
    ],
    "line": [
        ("LINEでメッセージを送れる", "I can send a message on LINE"),
        ("LINEで写真を送れる", "I can send a photo on LINE"),
        ("LINEでビデオ通話ができる", "I can make a video call on LINE"),
        ("知らない人からの友だち追加を断れる", "I can refuse a friend request from a stranger"),
    ],
    "mynumber-apply": [
        ("申請のページを開ける", "I can open the application page"),
        ("顔写真をスマホで撮れる", "I can take my ID photo with the phone"),
        ("申請を最後まで送れる", "I can send the application to the end"),
    ],
    "mynaportal": [
        ("マイナポータルにログインできる", "I can sign in to Mynaportal"),
        ("暗証番号を安全に管理できる", "I can keep my PIN safe"),
        ("健康保険証の利用登録ができる", "I can register the card as my health insurance card"),
    ],
    "online-city": [
        ("市のオンライン申請のページを探せる", "I can find the city's online application page"),
        ("申請の画面に入力できる", "I can fill in an application form"),
        ("申請が届いたか確かめられる", "I can check that my application arrived"),
    ],
    "cashless": [
        ("支払いアプリにお金をチャージできる", "I can top up a payment app"),
        ("お店でQRコードで支払える", "I can pay by QR code at a shop"),
        ("使ったお金の履歴を見られる", "I can see what I have spent"),
    ],
    "scams": [
        ("怪しいショートメールを見分けられる", "I can spot a suspicious text message"),
        ("知らないリンクを開かずに消せる", "I can delete an unknown link without opening it"),
        ("困ったときの相談先を知っている", "I know whom to ask when in trouble"),
    ],
}

DEMO_ROSTER = [
    # name, kana, phone (090-5555-01xx: not a real line), party size, loaner, phone kind
    ("相模 一郎", "さがみ いちろう", "+819055550101", 1, False, "android"),
    ("藤野 はる", "ふじの はる", "+819055550102", 1, True, "none"),
    ("津久井 花子", "つくい はなこ", "+819055550103", 2, False, "iphone"),
    ("城山 正", "しろやま ただし", "+819055550104", 1, False, "easy"),
    ("小渕 みどり", "おぶち みどり", "+819055550105", 1, True, "feature"),
    ("与瀬 勇", "よせ いさむ", "+81427000106", 1, False, "android"),
    ("中野 さち", "なかの さち", "+819055550107", 1, False, "iphone"),
    ("久保沢 健二", "くぼさわ けんじ", "+819055550108", 1, False, "android"),
]


def seed_attendance(ctx) -> None:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for slug, statements in CAN_DO.items():
        topic = topics.get(slug)
        if topic is None:
            continue
        for order, (text, text_en) in enumerate(statements, start=1):
            _statement, created = CanDoStatement.objects.get_or_create(
                topic=topic, text=text, defaults={"text_en": text_en, "sort_order": order * 10}
            )
            ctx.count("can-do statements", created)

    trainer = ctx.users.get(Role.TRAINER)
    topic = topics.get("line")
    venue = Venue.objects.filter(name="藤野公民館").first()
    if trainer is None or topic is None or venue is None:
        return
    starts_at = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(13, 30)))
    session, created = ClassSession.objects.get_or_create(
        topic=topic,
        venue=venue,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + dt.timedelta(hours=2),
            "capacity": 12,
            "loaner_devices": 3,
            "lead_trainer": trainer,
            "status": ClassSession.Status.PUBLISHED,
        },
    )
    ctx.count("attendance demo classes", created)
    for name, kana, phone, party, loaner, kind in DEMO_ROSTER:
        resident, _created = Resident.objects.get_or_create(
            phone=phone, defaults={"name": name, "name_kana": kana, "district": venue.district}
        )
        _registration, created = Registration.objects.get_or_create(
            session=session,
            resident=resident,
            defaults={
                "name": resident.name,
                "name_kana": resident.name_kana,
                "phone": phone,
                "district": resident.district,
                "consented_at": timezone.now(),
                "consent_method": ConsentMethod.DESK_READ_OUT,
                "status": Registration.Status.CONFIRMED,
                "channel": Registration.Channel.DESK,
                "party_size": party,
                "needs_loaner_device": loaner,
                "phone_kind": kind,
            },
        )
        ctx.count("attendance demo registrations", created)
    ctx.say(
        f"  can-do statements: {CanDoStatement.objects.count()}; "
        f"the demo trainer's class today: /trainer/classes/{session.pk}/"
    )
