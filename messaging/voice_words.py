"""What the voice menu says, in easy spoken Japanese and in English.

Every choice a caller is offered is an action with ONE wording, used in every
step that offers it, so a word never means two things: older callers learn the
words, not the steps. 「申し込みを 取り消す」 only ever cancels a registration,
「前に もどる」 only ever goes back without changing anything, and no prompt
says 「やめる」 (which callers heard both as "cancel my place" and as "never
mind"). The SMS and call texts (messaging.texts) use the same wording.

Voice wording lives here rather than in the gettext catalogues: it is spoken
by Twilio (messaging.voice.VOICES), never shown on a page. The menu speaks
Japanese or English; an automated call to a registration speaks its message's
language, so what such a call says besides the message is in CALL_WORDS too.
"""

# action: (easy Japanese, English). The last word of each Japanese wording is
# its verb; tests/messaging/test_voice_words.py checks no verb serves two actions.
ACTIONS: dict[str, tuple[str, str]] = {
    "find": ("教室を さがす", "find a class"),
    "mine": ("自分の 申し込みを たしかめる", "check your registrations"),
    "desk": ("係の人と 話す", "talk to a person at the desk"),
    "agree": ("同意して 申し込む", "agree and register"),
    "cancel": ("申し込みを 取り消す", "cancel the registration"),
    "back": ("前に もどる", "go back, changing nothing"),
    "repeat": ("もう 一度 聞く", "hear it again"),
    "coming": ("教室に 行く", "tell us you are coming"),
}

# The keys each step offers, in the order they are said. A step's other keys
# (a class number, a district number) are asked for in words of their own.
STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "menu": (("1", "find"), ("2", "mine"), ("0", "desk")),
    "class": (("8", "repeat"), ("0", "back")),
    "register": (("1", "agree"), ("0", "back")),
    "mine": (("0", "back"),),
    "cancel": (("9", "cancel"), ("0", "back")),
    "answer": (("1", "coming"), ("9", "cancel")),
}

# Everything else the menu says, by key: (easy Japanese, English).
PROMPTS: dict[str, tuple[str, str]] = {
    "greeting": (
        "こちらは {city} スマホ教室の 電話窓口、つなぐ です。",
        "This is Tsunagu, the smartphone class line of {city}.",
    ),
    "english": ("", "For English, press 7."),
    "again": ("もう 一度 言います。", "Once more."),
    "goodbye": ("お電話 ありがとう ございました。", "Thank you for calling. Goodbye."),
    "district_ask": (
        "地区の 番号を 2けたで 押すか、地区の 名前を 言って ください。地区と 番号を 言います。",
        "Press the two-digit number of your district. The districts and their numbers are:",
    ),
    "district_item": ("{name}は {number}。", "{name}, {number}."),
    "district_unknown": (
        "その 地区は 見つかりません でした。",
        "Sorry, we could not find that district.",
    ),
    "no_classes": (
        "{district}では、いま 申し込める 教室が ありません。",
        "There are no classes open for registration in {district} now.",
    ),
    "classes_intro": ("{district}の 教室です。", "Classes in {district}:"),
    "class_pick": (
        "申し込む 教室の 番号を 押して ください。",
        "Press the number of the class you want.",
    ),
    "full": (
        "今は いっぱいで、キャンセル待ちに なります。",
        "It is full now: you would be on the waiting list.",
    ),
    "waiting": ("キャンセル待ち。", "On the waiting list."),
    "purpose": (
        "お名前と 電話番号は、教室の ご案内の ためだけに 使います。"
        "お名前は、あとで 係の人が お電話で うかがいます。",
        "Your name and phone number are used only to tell you about the class."
        " A person from the desk will call you back to ask your name.",
    ),
    "register_this": (
        "この 教室に、いま お電話の 番号で 申し込みます。",
        "You are registering for this class with the number you are calling from.",
    ),
    "not_registered": ("申し込みは していません。", "You are not registered."),
    "registered": ("申し込みを 受けつけました。", "You are registered."),
    "waitlisted": (
        "いま いっぱい なので、キャンセル待ちの {position}番目で 受けつけました。"
        "席が あいたら お知らせ します。",
        "The class is full: you are number {position} on the waiting list."
        " We will call you if a seat opens.",
    ),
    "already": (
        "この 電話番号からの 申し込みが、この 教室に もう あります。"
        "ほかの 方の 申し込みは、係の人が うけつけます。",
        "There is already a registration from this number for this class."
        " The desk registers another person.",
    ),
    "call_back": (
        "お名前を うかがう ため、係の人から お電話 します。お問い合わせは {desk} です。"
        "ありがとう ございました。",
        "A person from the desk will call you to ask your name. Questions: {desk}. Thank you.",
    ),
    "no_registrations": (
        "この 電話番号での 申し込みは ありません。",
        "There are no registrations from this number.",
    ),
    "registrations": ("申し込みは {count}件 です。", "You have {count} registrations."),
    "mine_pick": (
        "申し込みを 取り消す ときは、その 番号を 押して ください。",
        "To cancel a registration, press its number.",
    ),
    "kept": ("取り消しは していません。", "Nothing was cancelled."),
    "cancelled": (
        "申し込みを 取り消しました。また 来て ください。ありがとう ございました。",
        "Your registration is cancelled. Thank you.",
    ),
    "too_late": (
        "教室が もう 始まって いるので、取り消しは できません。",
        "The class has already started, so it cannot be cancelled.",
    ),
    "connecting": (
        "係の人に おつなぎします。少し お待ち ください。",
        "Connecting you to the desk. Please wait.",
    ),
    "desk_number": (
        "窓口の 電話番号を 言います。{number}。",
        "The desk's phone number is: {number}.",
    ),
    "desk_closed": (
        "いまは 窓口の 時間外です。窓口は {hours} です。",
        "The desk is closed now. Its hours are: {hours}.",
    ),
    "leave_message": (
        "ピーという 音の あとに、お名前と ご用件を 話して ください。"
        "終わったら 電話を 切って ください。",
        "After the beep, say your name and what you need, then hang up.",
    ),
    "recorded": (
        "ありがとう ございました。係の人から お電話 します。",
        "Thank you. A person from the desk will call you back.",
    ),
    "coming_thanks": ("ありがとう ございます。お待ち して います。", "Thank you. See you there."),
}


# An automated call's own words in the languages the menu does not speak: the
# keys voice.outbound_call and voice_menu.voice_answer say, the two answers
# (ACTIONS' wording) and how a choice is offered ("choice": one per key).
CALL_WORDS: dict[str, dict[str, str]] = {
    "zh-hans": {
        "again": "再说一遍。",
        "goodbye": "谢谢您的接听。再见。",
        "cancelled": "您的报名已经取消了。谢谢。",
        "coming_thanks": "谢谢。我们等您来。",
        "coming": "如果您会来上课",
        "cancel": "如果要取消报名",
        "choice": "{action}，请按{key}。",
    },
    "ko": {
        "again": "다시 한 번 말씀드리겠습니다.",
        "goodbye": "들어 주셔서 감사합니다. 안녕히 계세요.",
        "cancelled": "신청이 취소되었습니다. 감사합니다.",
        "coming_thanks": "감사합니다. 기다리고 있겠습니다.",
        "coming": "교실에 오시면",
        "cancel": "신청을 취소하시려면",
        "choice": "{action} {key}번을 눌러 주세요.",
    },
    "vi": {
        "again": "Xin nhắc lại một lần nữa.",
        "goodbye": "Cảm ơn bạn đã nghe máy. Xin chào.",
        "cancelled": "Đăng ký của bạn đã được hủy. Cảm ơn bạn.",
        "coming_thanks": "Cảm ơn bạn. Hẹn gặp bạn ở lớp học.",
        "coming": "Nếu bạn sẽ đến lớp học",
        "cancel": "Để hủy đăng ký",
        "choice": "{action}, xin bấm phím {key}.",
    },
    "pt-br": {
        "again": "Vou repetir.",
        "goodbye": "Obrigado por atender. Até logo.",
        "cancelled": "Sua inscrição foi cancelada. Obrigado.",
        "coming_thanks": "Obrigado. Esperamos por você.",
        "coming": "Se você vem à aula",
        "cancel": "Para cancelar a inscrição",
        "choice": "{action}, aperte {key}.",
    },
}


def words(key: str, language: str, **values) -> str:
    own = CALL_WORDS.get(language, {})
    if key in own:
        return own[key].format(**values)
    ja, en = PROMPTS[key]
    return (en if language == "en" else ja).format(**values)


def action(name: str, language: str) -> str:
    own = CALL_WORDS.get(language, {})
    if name in own:
        return own[name]
    ja, en = ACTIONS[name]
    return en if language == "en" else ja


def choices(step: str, language: str) -> str:
    """The keys of one step as one sentence: 「…ときは 1を、…ときは 0を 押して ください。」"""
    offered = STEPS[step]
    if language in CALL_WORDS:
        choice = CALL_WORDS[language]["choice"]
        return " ".join(
            choice.format(action=action(name, language), key=key) for key, name in offered
        )
    if language == "en":
        return " ".join(f"To {action(name, 'en')}, press {key}." for key, name in offered)
    clauses = "、".join(f"{action(name, 'ja')} ときは {key}を" for key, name in offered)
    return f"{clauses} 押して ください。"


def keys(step: str) -> dict[str, str]:
    """key → action for one step."""
    return dict(STEPS[step])
