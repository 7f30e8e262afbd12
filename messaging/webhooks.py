"""Twilio's webhooks: delivery status, incoming SMS, and the voice menu.

Every view checks X-Twilio-Signature against PUBLIC_BASE_URL + the path and
query (what Twilio signed), so the query parameters that carry the menu's
state between steps cannot be forged either. The voice menu tree is drawn in
docs/messaging.md.
"""

import re
import unicodedata
import uuid
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from core.params import positive_int
from messaging import clock
from messaging.models import InboundMessage, Message, OptOut
from messaging.schedule import desk_is_open
from messaging.services.inbox import record_inbound
from messaging.services.optouts import opt_in, opt_out
from messaging.services.status import record_status
from messaging.voice import gather, say, spoken_class, url, xml
from outreach.models import ClassSession, ConsentMethod, District, Registration
from outreach.services import (
    AlreadyRegistered,
    Consent,
    RegistrationError,
    cancel_registration,
    register,
    waitlist_position,
)

# Twilio's standard opt-out and opt-in keywords, and the Japanese ones residents use.
STOP_WORDS = {
    "STOP",
    "STOPALL",
    "UNSUBSCRIBE",
    "CANCEL",
    "END",
    "QUIT",
    "OPTOUT",
    "REVOKE",
    "停止",
    "ていし",
    "テイシ",
}
START_WORDS = {"START", "UNSTOP", "YES", "開始", "再開", "かいし", "さいかい"}
CLASSES_READ = 3
# Said before the key press that registers a caller: consent is to this use only.
PURPOSE_STATEMENT = (
    "お名前と 電話番号は、教室の ご案内の ためだけに 使います。"
    "お名前は、あとで 係の人が お電話で うかがいます。"
)


def twilio_webhook(view):
    """Allow only requests Twilio signed with our auth token (403 otherwise)."""

    @csrf_exempt
    @require_POST
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = settings.TWILIO_AUTH_TOKEN
        signature = request.headers.get("X-Twilio-Signature", "")
        full_url = settings.PUBLIC_BASE_URL + request.get_full_path()
        if not token or not signature:
            return HttpResponseForbidden("missing signature")
        if not RequestValidator(token).validate(full_url, request.POST, signature):
            return HttpResponseForbidden("invalid signature")
        return view(request, *args, **kwargs)

    return wrapped


def _caller(request) -> str:
    return request.POST.get("From", "")[:20]


def _choice(request) -> str:
    """Keys pressed, or digits and menu words heard (Japanese speech, full-width digits)."""
    # Only ASCII digits: int() of another digit ("²") fails, of "٣" reads a number.
    digits = unicodedata.normalize("NFKC", request.POST.get("Digits", ""))
    if digits:
        return "".join(re.findall(r"[0-9#*]", digits))
    heard = unicodedata.normalize("NFKC", request.POST.get("SpeechResult", ""))
    found = re.findall(r"[0-9]", heard)
    if found:
        return "".join(found)
    words = [
        ("0", ("ゼロ", "ぜろ", "れい", "係", "窓口", "相談")),
        ("2", ("取り消", "とりけし", "確認", "に番", "二")),
        ("1", ("いち", "一", "教室", "申し込み", "もうしこみ")),
        ("9", ("きゅう", "九")),
    ]
    for digit, keys in words:
        if any(key in heard for key in keys):
            return digit
    return ""


# --- delivery status ----------------------------------------------------------------
@twilio_webhook
def status_callback(request):
    post = request.POST
    provider_id = post.get("MessageSid") or post.get("CallSid") or ""
    status = post.get("MessageStatus") or post.get("SmsStatus") or post.get("CallStatus") or ""
    record_status(
        provider_id,
        status,
        error_code=post.get("ErrorCode", ""),
        price=post.get("Price"),
        price_unit=post.get("PriceUnit", ""),
    )
    return HttpResponse(status=204)


# --- incoming SMS -------------------------------------------------------------------
@twilio_webhook
def incoming_sms(request):
    sender = _caller(request)
    body = request.POST.get("Body", "").strip()
    word = unicodedata.normalize("NFKC", body).strip().upper().rstrip("。.!！")
    reply = MessagingResponse()
    if word in STOP_WORDS:
        opt_out(sender, source=OptOut.Source.SMS)
        reply.message(
            f"つなぐ: 配信を 止めました。もう 一度 受け取る ときは START と 送って ください。"
            f"お問い合わせ {settings.DESK_PHONE_NUMBER}"
        )
    elif word in START_WORDS:
        opt_in(sender)
        reply.message("つなぐ: 配信を 再開しました。止める ときは 停止 と 送って ください。")
    else:
        record_inbound(
            kind=InboundMessage.Kind.SMS,
            from_number=sender,
            provider_id=request.POST.get("MessageSid") or f"sms-{uuid.uuid4()}",
            body=body[:2000],
        )
        reply.message(
            f"つなぐ: メッセージを 受け取りました。お急ぎの ときは {settings.DESK_PHONE_NUMBER}"
            f"（{settings.DESK_OPENING_HOURS}）へ お電話 ください。"
        )
    return HttpResponse(str(reply), content_type="text/xml; charset=utf-8")


# --- voice menu ---------------------------------------------------------------------
def _main_menu(response: VoiceResponse, *, greet: bool) -> None:
    menu = gather(response, "voice/menu/", speech=True)
    if greet:
        say(menu, f"こちらは {settings.CITY_NAME} スマホ教室の 電話窓口、つなぐ です。")
    say(
        menu,
        "教室を 聞いて、申し込む ときは 1を。"
        "申し込みを 聞く ときや、取り消す ときは 2を。"
        "係の人と 話す ときは 0を 押して ください。",
    )
    say(response, "お電話 ありがとう ございました。")


@twilio_webhook
def voice_incoming(request):
    response = VoiceResponse()
    _main_menu(response, greet=True)
    return xml(response)


@twilio_webhook
def voice_menu(request):
    choice = _choice(request)[:1]
    response = VoiceResponse()
    if choice == "1":
        ask = gather(response, "voice/district/", digits=2)
        say(ask, "ちらしに のっている、2けたの 地区の 番号を 押して ください。")
        response.redirect(url("voice/menu/?again=1"))
    elif choice == "2":
        return _read_my_registrations(request, response)
    elif choice == "0":
        _desk(response)
    else:
        if request.GET.get("again"):
            say(response, "お電話 ありがとう ございました。")
            response.hangup()
        else:
            say(response, "もう 一度 お願いします。")
            _main_menu(response, greet=False)
    return xml(response)


def _desk(response: VoiceResponse) -> None:
    number = settings.DESK_FORWARD_NUMBER
    if number and desk_is_open(clock.now()):
        say(response, "係の人に おつなぎします。少し お待ち ください。")
        response.dial(number, timeout=30)
        return
    say(
        response,
        f"いまは 窓口の 時間外です。窓口は {settings.DESK_OPENING_HOURS} です。"
        "ピーという 音の あとに、お名前と ご用件を 話して ください。終わったら 電話を 切って ください。",
    )
    response.record(
        action=url("voice/recorded/"), method="POST", max_length=120, play_beep=True, timeout=5
    )


@twilio_webhook
def voice_recorded(request):
    post = request.POST
    recording = post.get("RecordingUrl", "")
    if recording:
        record_inbound(
            kind=InboundMessage.Kind.VOICEMAIL,
            from_number=_caller(request),
            provider_id=post.get("RecordingSid") or post.get("CallSid", ""),
            recording_url=recording,
            recording_seconds=positive_int(post.get("RecordingDuration")),
        )
    response = VoiceResponse()
    say(response, "ありがとう ございました。係の人から お電話 します。")
    response.hangup()
    return xml(response)


def _district(request):
    number = positive_int(request.GET.get("district") or _choice(request))
    if number is None:
        return None
    return District.objects.filter(flyer_number=number).first()


def _upcoming_classes(district):
    sessions = ClassSession.objects.published().upcoming().in_district(district).with_related()
    if hasattr(sessions, "with_seats_left"):
        sessions = sessions.with_seats_left()
    return list(sessions.order_by("starts_at", "id")[:CLASSES_READ])


@twilio_webhook
def voice_district(request):
    response = VoiceResponse()
    district = _district(request)
    if district is None:
        ask = gather(response, "voice/district/", digits=2)
        say(
            ask,
            "その 番号の 地区は ありません。ちらしの 2けたの 番号を もう 一度 押して ください。",
        )
        response.redirect(url("voice/menu/?again=1"))
        return xml(response)
    sessions = _upcoming_classes(district)
    if not sessions:
        say(response, f"{district.name}では、いま 申し込める 教室が ありません。")
        _main_menu(response, greet=False)
        return xml(response)
    pick = gather(response, f"voice/class/?district={district.flyer_number}")
    say(pick, f"{district.name}の 教室です。")
    for number, session in enumerate(sessions, start=1):
        say(pick, spoken_class(session, number))
    say(pick, "申し込む 教室の 番号を 押して ください。もう 一度 聞く ときは 8を 押して ください。")
    response.redirect(url("voice/menu/?again=1"))
    return xml(response)


@twilio_webhook
def voice_class(request):
    response = VoiceResponse()
    district = _district(request)
    choice = _choice(request)[:1]
    sessions = _upcoming_classes(district) if district else []
    if choice == "8" or not choice.isdigit() or not (1 <= int(choice) <= len(sessions)):
        response.redirect(url(f"voice/district/?district={request.GET.get('district', '')}"))
        return xml(response)
    session = sessions[int(choice) - 1]
    confirm = gather(response, f"voice/register/?session={session.pk}")
    say(confirm, spoken_class(session))
    # The purpose is stated before the key press that records consent (PURPOSE_STATEMENT).
    say(confirm, PURPOSE_STATEMENT)
    say(
        confirm,
        "この 教室に、いま お電話の 番号で 申し込みます。"
        "同意して 申し込む ときは 1を、やめる ときは 9を 押して ください。",
    )
    response.redirect(url("voice/menu/?again=1"))
    return xml(response)


@twilio_webhook
def voice_register(request):
    """Register the caller: 1 pressed after hearing PURPOSE_STATEMENT is their consent.

    The caller's name is never asked and never borrowed from a resident on file
    with the same number (DESIGN.md: a phone number is not an identity): the
    registration carries a stand-in name and waits on the desk's call-back list.
    """
    response = VoiceResponse()
    if _choice(request)[:1] != "1":
        say(response, "申し込みを やめました。")
        _main_menu(response, greet=False)
        return xml(response)
    session = get_object_or_404(ClassSession, pk=positive_int(request.GET.get("session")) or 0)
    try:
        registration = register(
            session,
            name="",
            name_kana="",
            phone=_caller(request),
            channel="voice",
            district=session.venue.district,
            language="ja",
            consent=Consent(ConsentMethod.VOICE_KEYPAD),
            name_confirmed=False,
        )
    except AlreadyRegistered:
        # One line cannot tell two callers apart: the desk registers a second person.
        say(
            response,
            "この 電話番号からの 申し込みが、この 教室に もう あります。"
            "ほかの 方の 申し込みは、係の人が うけつけます。",
        )
        _main_menu(response, greet=False)
        return xml(response)
    except (RegistrationError, ValidationError) as exc:
        # A polite spoken reason (class closed, number refused), never an error page.
        say(response, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        _main_menu(response, greet=False)
        return xml(response)
    if registration.status == "waitlisted":
        position = waitlist_position(registration)
        say(
            response,
            f"いま いっぱい なので、キャンセル待ちの {position}番目で 受けつけました。席が あいたら お知らせ します。",
        )
    else:
        say(response, "申し込みを 受けつけました。")
        say(response, spoken_class(session))
        say(response, "もう 一度 言います。")
        say(response, spoken_class(session))
    say(
        response,
        f"お名前を うかがう ため、係の人から お電話 します。お問い合わせは {settings.DESK_PHONE_NUMBER} です。ありがとう ございました。",
    )
    response.hangup()
    return xml(response)


def _my_registrations(caller: str):
    return list(
        Registration.objects.active()
        .filter(phone=caller, session__starts_at__gte=clock.now())
        .select_related("session", "session__venue", "session__topic")
        .order_by("session__starts_at", "id")[:CLASSES_READ]
    )


def _read_my_registrations(request, response: VoiceResponse):
    registrations = _my_registrations(_caller(request))
    if not registrations:
        say(response, "この 電話番号での 申し込みは ありません。")
        _main_menu(response, greet=False)
        return xml(response)
    pick = gather(response, "voice/mine/")
    say(pick, f"申し込みは {len(registrations)}件 です。")
    for number, registration in enumerate(registrations, start=1):
        waiting = "キャンセル待ち。" if registration.status == "waitlisted" else ""
        say(pick, spoken_class(registration.session, number) + waiting)
    say(pick, "取り消す ときは その 番号を、メニューに もどる ときは 0を 押して ください。")
    say(response, "お電話 ありがとう ございました。")
    return xml(response)


@twilio_webhook
def voice_mine(request):
    response = VoiceResponse()
    choice = _choice(request)[:1]
    registrations = _my_registrations(_caller(request))
    if not choice.isdigit() or not (1 <= int(choice) <= len(registrations)):
        _main_menu(response, greet=False)
        return xml(response)
    registration = registrations[int(choice) - 1]
    confirm = gather(response, f"voice/cancel/?registration={registration.pk}")
    say(confirm, spoken_class(registration.session))
    say(confirm, "この 申し込みを 取り消す ときは 9を、やめる ときは 1を 押して ください。")
    return xml(response)


def _cancel(registration, how: str) -> bool:
    """Cancel for the caller; False when it is too late (the class has started)."""
    try:
        cancel_registration(registration, reason=how)
    except RegistrationError:
        return False
    return True


@twilio_webhook
def voice_cancel(request):
    response = VoiceResponse()
    # The registration must belong to the number calling, whatever the URL says.
    registration = (
        Registration.objects.active()
        .filter(pk=positive_int(request.GET.get("registration")) or 0, phone=_caller(request))
        .first()
    )
    if registration is None or _choice(request)[:1] != "9":
        say(response, "取り消しは しませんでした。")
        _main_menu(response, greet=False)
        return xml(response)
    if not _cancel(registration, "自動音声の電話で取り消し"):
        say(response, "教室が もう 始まって いるので、取り消しは できません。")
        response.hangup()
        return xml(response)
    say(response, "取り消しました。また 来て ください。ありがとう ございました。")
    response.hangup()
    return xml(response)


@twilio_webhook
def voice_answer(request, message_uuid):
    """The answer to an automated call: 1 (coming) or 9 (cancel)."""
    message = get_object_or_404(Message.objects.select_related("registration"), uuid=message_uuid)
    choice = _choice(request)[:1]
    response = VoiceResponse()
    english = message.language == "en"
    registration = message.registration
    if (
        choice == "9"
        and registration is not None
        and registration.status != "cancelled"
        and _cancel(registration, "自動音声の連絡に9で回答")
    ):
        message.response = "cancel"
        message.save(update_fields=["response", "updated_at"])
        say(
            response,
            "Your place is cancelled. Thank you."
            if english
            else "取り消しました。ありがとう ございました。",
            message.language,
        )
    elif choice == "1":
        message.response = "coming"
        message.save(update_fields=["response", "updated_at"])
        say(
            response,
            "Thank you. See you there."
            if english
            else "ありがとう ございます。お待ち して います。",
            message.language,
        )
    else:
        say(
            response,
            "Thank you. Goodbye." if english else "ありがとう ございました。",
            message.language,
        )
    response.hangup()
    return xml(response)
