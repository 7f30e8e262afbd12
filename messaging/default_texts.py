"""The built-in wording of every message, by language and channel (messaging.texts uses it).

Japanese texts are in easy Japanese (やさしい日本語: short sentences, spaces
between phrases, no difficult kanji); they also serve residents who chose easy
Japanese (texts.TEXT_LANGUAGE_OF). Every other language says what the Japanese
text says, with exactly its placeholders (tests/messaging/test_texts.py), so a
coordinator who edits one language can compare it with the others.

SMS are short: a text outside the GSM alphabet (Japanese, Chinese, Korean,
Vietnamese, Portuguese with its accents) costs a segment per 67 characters.
Voice texts are read aloud: no links, dates and times in words (texts.spoken_when).
A reminder's {date} may be a day word (「明日」, "tomorrow", 「明天」: texts.relative_day),
so its sentence reads right with either ("is {date} at", not "is on {date}").
"""

from messaging.models import Channel, Purpose

P = Purpose
SMS = Channel.SMS
VOICE = Channel.VOICE

# Easy Japanese. Voice texts are read aloud: no links, numbers as words.
_JA = {
    SMS: {
        P.CONFIRMATION: "{name}さん スマホ教室の 申し込みを 受けつけました。{date} {time}から {place}です。申し込みを 取り消す ときは {manage} を 開くか、{desk} へ 電話してください。",
        P.WAITLISTED: "{name}さん スマホ教室（{date}）は いま いっぱいです。キャンセル待ち {position}番目 です。席が あいたら 連絡します。申し込みを 取り消す ときは {manage}",
        P.REMINDER: "{name}さん スマホ教室は {date} {time}から {place}です。来られないときは {desk} へ 電話してください。",
        P.PROMOTION: "{name}さん 席が あきました。スマホ教室 {date} {time}から {place}に 参加できます。来られないときは ここ {manage} か {desk} へ。",
        P.CLASS_CANCELLED: "{name}さん ごめんなさい。{date}の スマホ教室（{place}）は 中止に なりました。くわしくは {desk} へ。",
        P.CLASS_MOVED: "{name}さん スマホ教室が 変わりました。新しい 日時は {date} {time}から、会場は {place}です。くわしくは {desk} へ。",
        P.FOLLOW_UP: "{name}さん スマホ教室に 来てくれて ありがとうございました。わからない ときは ここを 見てください。{link}",
    },
    VOICE: {
        P.CONFIRMATION: "こちらは {desk} スマホ教室の 窓口です。{name}さんの 申し込みを 受けつけました。{date}、{time}から、{place}です。",
        P.WAITLISTED: "こちらは スマホ教室の 窓口です。{date}の 教室は いま いっぱいです。キャンセル待ちの {position}番目です。席が あいたら お電話します。",
        P.REMINDER: "こちらは スマホ教室の 窓口です。{name}さん、{class}の 教室は、{date}、{time}から、{place}です。",
        P.PROMOTION: "こちらは スマホ教室の 窓口です。席が あきました。{date}、{time}から、{place}の 教室に 参加できます。",
        P.CLASS_CANCELLED: "こちらは スマホ教室の 窓口です。ごめんなさい。{date}、{place}の 教室は 中止に なりました。",
        P.CLASS_MOVED: "こちらは スマホ教室の 窓口です。教室の 日時か 会場が 変わりました。新しい 日時は {date}、{time}から、会場は {place}です。",
    },
}
_EN = {
    SMS: {
        P.CONFIRMATION: "{name}, you are registered for the smartphone class on {date} at {time}, {place}. To see or cancel it: {manage} or call {desk}.",
        P.WAITLISTED: "{name}, the smartphone class on {date} is full. You are number {position} on the waiting list. We will tell you if a seat opens. To see or cancel it: {manage}",
        P.REMINDER: "{name}, your smartphone class is {date} at {time}, {place}. If you cannot come, please call {desk}.",
        P.PROMOTION: "{name}, a seat opened: you can join the smartphone class on {date} at {time}, {place}. If you cannot come: {manage} or call {desk}.",
        P.CLASS_CANCELLED: "{name}, we are sorry: the smartphone class on {date} at {place} is cancelled. Questions: {desk}.",
        P.CLASS_MOVED: "{name}, your smartphone class has changed: now {date} at {time}, {place}. Questions: {desk}.",
        P.FOLLOW_UP: "{name}, thank you for coming to the smartphone class. Step-by-step help: {link}",
    },
    VOICE: {
        P.CONFIRMATION: "This is the smartphone class desk, {desk}. {name}, you are registered for the class on {date} at {time}, at {place}.",
        P.WAITLISTED: "This is the smartphone class desk. The class on {date} is full. You are number {position} on the waiting list.",
        P.REMINDER: "This is the smartphone class desk. {name}, your class, {class}, is {date} at {time}, at {place}.",
        P.PROMOTION: "This is the smartphone class desk. A seat opened: you can join the class on {date} at {time}, at {place}.",
        P.CLASS_CANCELLED: "This is the smartphone class desk. We are sorry: the class on {date} at {place} is cancelled.",
        P.CLASS_MOVED: "This is the smartphone class desk. Your class has changed. It is now on {date} at {time}, at {place}.",
    },
}

_ZH_HANS = {
    SMS: {
        P.CONFIRMATION: "{name}，您好。您已报名{date} {time}在{place}的智能手机讲座。查看或取消报名：{manage}，或致电{desk}。",
        P.WAITLISTED: "{name}，您好。{date}的智能手机讲座名额已满，您是候补第{position}位。有空位时我们会通知您。查看或取消报名：{manage}",
        P.REMINDER: "{name}，您好。智能手机讲座将于{date} {time}在{place}举行。如果不能来，请致电{desk}。",
        P.PROMOTION: "{name}，您好。有空位了！您可以参加{date} {time}在{place}的智能手机讲座。如果不能来，请打开{manage}或致电{desk}。",
        P.CLASS_CANCELLED: "{name}，您好。很抱歉，{date}在{place}的智能手机讲座取消了。详情请致电{desk}。",
        P.CLASS_MOVED: "{name}，您好。您的智能手机讲座有变更：新的时间是{date} {time}，地点是{place}。详情请致电{desk}。",
        P.FOLLOW_UP: "{name}，您好。感谢您参加智能手机讲座。有不明白的地方，请看这里：{link}",
    },
    VOICE: {
        P.CONFIRMATION: "这里是智能手机讲座咨询窗口，电话号码是{desk}。{name}，您好。您的报名已受理。时间是{date}，{time}开始，地点是{place}。",
        P.WAITLISTED: "这里是智能手机讲座咨询窗口。{date}的讲座名额已满。您是候补第{position}位。有空位时，我们会打电话通知您。",
        P.REMINDER: "这里是智能手机讲座咨询窗口。{name}，您好。您报名的讲座是{class}，时间是{date}，{time}开始，地点是{place}。",
        P.PROMOTION: "这里是智能手机讲座咨询窗口。有空位了。您可以参加{date}，{time}开始，在{place}举行的讲座。",
        P.CLASS_CANCELLED: "这里是智能手机讲座咨询窗口。很抱歉，{date}在{place}举行的讲座取消了。",
        P.CLASS_MOVED: "这里是智能手机讲座咨询窗口。您的讲座时间或地点有变更。新的时间是{date}，{time}开始，地点是{place}。",
    },
}

_KO = {
    SMS: {
        P.CONFIRMATION: "{name}님, 스마트폰 교실 신청이 접수되었습니다. 일시: {date} {time}, 장소: {place}. 확인·취소: {manage} 또는 전화 {desk}",
        P.WAITLISTED: "{name}님, {date} 스마트폰 교실은 정원이 찼습니다. 대기 순번은 {position}번입니다. 자리가 나면 연락드리겠습니다. 확인·취소: {manage}",
        P.REMINDER: "{name}님, 스마트폰 교실 안내입니다. 일시: {date} {time}, 장소: {place}. 오실 수 없으면 {desk}번으로 전화해 주세요.",
        P.PROMOTION: "{name}님, 자리가 났습니다. {date} {time} 스마트폰 교실(장소: {place})에 참가하실 수 있습니다. 오실 수 없으면 {manage} 또는 전화 {desk}",
        P.CLASS_CANCELLED: "{name}님, 죄송합니다. {date} 스마트폰 교실(장소: {place})이 취소되었습니다. 문의: {desk}",
        P.CLASS_MOVED: "{name}님, 스마트폰 교실이 변경되었습니다. 새 일시: {date} {time}, 장소: {place}. 문의: {desk}",
        P.FOLLOW_UP: "{name}님, 스마트폰 교실에 와 주셔서 감사합니다. 모르는 것이 있으면 여기를 봐 주세요: {link}",
    },
    VOICE: {
        P.CONFIRMATION: "스마트폰 교실 창구입니다. 전화번호는 {desk}번입니다. {name}님, 신청이 접수되었습니다. 교실은 {date}, {time}부터이고, 장소는 {place}입니다.",
        P.WAITLISTED: "스마트폰 교실 창구입니다. {date} 교실은 정원이 찼습니다. 대기 순번은 {position}번입니다. 자리가 나면 전화드리겠습니다.",
        P.REMINDER: "스마트폰 교실 창구입니다. {name}님, {class} 교실은 {date}, {time}부터이고, 장소는 {place}입니다.",
        P.PROMOTION: "스마트폰 교실 창구입니다. 자리가 났습니다. {date}, {time}부터 {place}에서 열리는 교실에 참가하실 수 있습니다.",
        P.CLASS_CANCELLED: "스마트폰 교실 창구입니다. 죄송합니다. {date}, {place}에서 열릴 예정이던 교실이 취소되었습니다.",
        P.CLASS_MOVED: "스마트폰 교실 창구입니다. 교실 일시나 장소가 변경되었습니다. 새 일시는 {date}, {time}부터이고, 장소는 {place}입니다.",
    },
}

# "smartphone" in SMS (shorter, and how Vietnamese residents say it); calls say
# "điện thoại thông minh", which a Vietnamese voice reads naturally. The reader is
# addressed as "quý vị", as on the site: "bạn" is too familiar for an older reader.
_VI = {
    SMS: {
        P.CONFIRMATION: "{name}, quý vị đã đăng ký lớp học smartphone vào {date} lúc {time} tại {place}. Xem hoặc hủy: {manage} hoặc gọi {desk}.",
        P.WAITLISTED: "{name}, lớp học smartphone {date} đã hết chỗ. Quý vị là người thứ {position} trong danh sách chờ. Khi có chỗ, chúng tôi sẽ báo. Xem hoặc hủy: {manage}",
        P.REMINDER: "{name}, lớp học smartphone của quý vị vào {date} lúc {time} tại {place}. Nếu không thể đến, vui lòng gọi {desk}.",
        P.PROMOTION: "{name}, đã có chỗ cho quý vị ở lớp smartphone {date} lúc {time} tại {place}. Nếu không đến được: {manage} hoặc gọi {desk}.",
        P.CLASS_CANCELLED: "{name}, rất xin lỗi quý vị: lớp học smartphone {date} tại {place} đã bị hủy. Chi tiết xin gọi {desk}.",
        P.CLASS_MOVED: "{name}, lớp học smartphone của quý vị đã thay đổi. Lịch mới: {date} lúc {time} tại {place}. Chi tiết xin gọi {desk}.",
        P.FOLLOW_UP: "{name}, cảm ơn quý vị đã đến lớp học smartphone. Khi chưa hiểu, xin xem hướng dẫn từng bước: {link}",
    },
    VOICE: {
        P.CONFIRMATION: "Đây là quầy hỗ trợ lớp học điện thoại thông minh, số điện thoại {desk}. {name}, quý vị đã đăng ký lớp học vào {date}, lúc {time}, tại {place}.",
        P.WAITLISTED: "Đây là quầy hỗ trợ lớp học điện thoại thông minh. Lớp học vào {date} đã hết chỗ. Quý vị là người thứ {position} trong danh sách chờ. Khi có chỗ trống, chúng tôi sẽ gọi điện cho quý vị.",
        P.REMINDER: "Đây là quầy hỗ trợ lớp học điện thoại thông minh. {name}, lớp học {class} của quý vị sẽ diễn ra vào {date}, lúc {time}, tại {place}.",
        P.PROMOTION: "Đây là quầy hỗ trợ lớp học điện thoại thông minh. Đã có chỗ trống. Quý vị có thể tham gia lớp học vào {date}, lúc {time}, tại {place}.",
        P.CLASS_CANCELLED: "Đây là quầy hỗ trợ lớp học điện thoại thông minh. Rất xin lỗi quý vị. Lớp học vào {date} tại {place} đã bị hủy.",
        P.CLASS_MOVED: "Đây là quầy hỗ trợ lớp học điện thoại thông minh. Ngày giờ hoặc địa điểm của lớp học đã thay đổi. Lịch mới là {date}, lúc {time}, tại {place}.",
    },
}

_PT_BR = {
    SMS: {
        P.CONFIRMATION: "{name}, inscrição confirmada na aula de smartphone: {date} às {time}, {place}. Ver ou cancelar: {manage} ou ligue {desk}.",
        P.WAITLISTED: "{name}, a aula de smartphone de {date} está lotada. Você é o número {position} na lista de espera. Avisaremos se abrir vaga. Ver ou cancelar: {manage}",
        P.REMINDER: "{name}, sua aula de smartphone é {date} às {time}, {place}. Se não puder ir, ligue {desk}.",
        P.PROMOTION: "{name}, abriu vaga para você na aula de smartphone de {date} às {time}, {place}. Se não puder ir: {manage} ou ligue {desk}.",
        P.CLASS_CANCELLED: "{name}, sentimos muito: a aula de smartphone de {date} em {place} foi cancelada. Dúvidas? Ligue {desk}.",
        P.CLASS_MOVED: "{name}, sua aula de smartphone mudou. Agora é {date} às {time}, {place}. Dúvidas? Ligue {desk}.",
        P.FOLLOW_UP: "{name}, obrigado por vir à aula de smartphone. Se tiver dúvidas, veja a ajuda passo a passo: {link}",
    },
    VOICE: {
        P.CONFIRMATION: "Aqui é o atendimento das aulas de smartphone, telefone {desk}. {name}, recebemos sua inscrição para a aula de {date}, às {time}, em {place}.",
        P.WAITLISTED: "Aqui é o atendimento das aulas de smartphone. A aula de {date} está lotada. Você é o número {position} na lista de espera. Se abrir uma vaga, ligaremos para você.",
        P.REMINDER: "Aqui é o atendimento das aulas de smartphone. {name}, sua aula, {class}, é {date}, às {time}, em {place}.",
        P.PROMOTION: "Aqui é o atendimento das aulas de smartphone. Abriu uma vaga. Você pode participar da aula de {date}, às {time}, em {place}.",
        P.CLASS_CANCELLED: "Aqui é o atendimento das aulas de smartphone. Sentimos muito. A aula de {date} em {place} foi cancelada.",
        P.CLASS_MOVED: "Aqui é o atendimento das aulas de smartphone. A data ou o local da sua aula mudou. Agora é {date}, às {time}, em {place}.",
    },
}

BY_LANGUAGE = {
    "ja": _JA,
    "en": _EN,
    "zh-hans": _ZH_HANS,
    "ko": _KO,
    "vi": _VI,
    "pt-br": _PT_BR,
}

# (purpose, language, channel) → text: the key MessageTemplate rows use too.
DEFAULT_TEXTS: dict[tuple[str, str, str], str] = {
    (purpose, language, channel): body
    for language, by_channel in BY_LANGUAGE.items()
    for channel, by_purpose in by_channel.items()
    for purpose, body in by_purpose.items()
}
