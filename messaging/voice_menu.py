"""The voice menu a resident reaches by calling the line (drawn in docs/messaging.md).

Each step is a prompt (`_ask_*`, a <Gather> whose action is the step's view)
and a view that acts on the key pressed or the words heard. The menu's state
travels in the action's query (district, session, registration, the caller's
language `lang` and the retry counter `try`), which Twilio signs, so it cannot
be forged. Silence and wrong keys go to the same view (actionOnEmptyResult):
the step says its choices again, RETRIES times, and then ends the call politely.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import translation
from twilio.twiml.voice_response import VoiceResponse

from core.params import positive_int
from messaging import clock
from messaging.models import InboundMessage, Message
from messaging.schedule import desk_is_open
from messaging.services.inbox import record_inbound
from messaging.texts import spoken_name
from messaging.voice import (
    RETRIES,
    VOICES,
    gather,
    outbound_call,
    say,
    speakable,
    spoken_class,
    spoken_number,
    xml,
)
from messaging.voice_call import ENGLISH_KEY, Call, again, heard, key_meant
from messaging.voice_words import choices, keys, words
from messaging.webhooks import caller_number, twilio_webhook
from outreach.models import ClassSession, ConsentMethod, District, Registration
from outreach.services import (
    AlreadyRegistered,
    Consent,
    RegistrationError,
    cancel_registration,
    register,
    waitlist_position,
)

CLASSES_READ = 3
# Said before the key press that registers a caller: consent is to this use only.
PURPOSE_STATEMENT = words("purpose", "ja")


# --- main menu ----------------------------------------------------------------------
def _ask_menu(response: VoiceResponse, call: Call, tries: int = 0, *, greet=False) -> None:
    menu = gather(response, call.url("voice/menu/", tries), speech=True, language=call.language)
    if greet:
        call.say(menu, "greeting", city=call.setting("CITY_NAME"))
    call.say_text(menu, choices("menu", call.language))
    if call.language == "ja":
        say(menu, words("english", "en"), "en")


@twilio_webhook
def voice_incoming(request):
    response = VoiceResponse()
    _ask_menu(response, Call(request), greet=True)
    return xml(response)


@twilio_webhook
def voice_menu(request):
    call = Call(request)
    response = VoiceResponse()
    action = keys("menu").get(key_meant(request))
    if action == "find":
        _ask_district(response, call)
    elif action == "mine":
        _ask_mine(response, call)
    elif action == "desk":
        _desk(response, call)
    elif key_meant(request) == ENGLISH_KEY and call.language == "ja":
        call.language = "en"
        _ask_menu(response, call)
    else:
        again(response, call, _ask_menu)
    return xml(response)


# --- "0": the desk ------------------------------------------------------------------
def _desk(response: VoiceResponse, call: Call) -> None:
    """Put the caller through in office hours; else say the number, or take a message."""
    forward = settings.DESK_FORWARD_NUMBER
    open_now = desk_is_open(clock.now())
    if open_now and forward:
        call.say(response, "connecting")
        response.dial(forward, timeout=30)
        return
    if open_now:
        # The desk answers its own line now: the caller hears its number, slowly, twice.
        number = spoken_number(settings.DESK_PHONE_NUMBER, call.language)
        call.say(response, "desk_number", number=number)
        call.say(response, "again")
        call.say(response, "desk_number", number=number)
    else:
        call.say(response, "desk_closed", hours=call.setting("DESK_OPENING_HOURS"))
    call.say(response, "leave_message")
    response.record(
        action=call.url("voice/recorded/"), method="POST", max_length=120, play_beep=True, timeout=5
    )


@twilio_webhook
def voice_recorded(request):
    post = request.POST
    recording = post.get("RecordingUrl", "")
    if recording:
        record_inbound(
            kind=InboundMessage.Kind.VOICEMAIL,
            from_number=caller_number(request),
            provider_id=post.get("RecordingSid") or post.get("CallSid", ""),
            recording_url=recording,
            recording_seconds=positive_int(post.get("RecordingDuration")),
        )
    response = VoiceResponse()
    Call(request).say(response, "recorded")
    response.hangup()
    return xml(response)


# --- "1": districts, classes, registration ------------------------------------------
def _kana(text: str) -> str:
    """NFKC, no spaces, katakana as hiragana: 「フジノ」 and 「ふじの」 compare equal."""
    text = "".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def _districts():
    return list(District.objects.order_by("flyer_number"))


def _district_hints(districts) -> str:
    names = [word for d in districts for word in (d.name, d.name_kana, d.name_en) if word]
    return ",".join(names)[:5000]  # Twilio's limit on hints


def _district_heard(request, districts):
    """The district whose name (or its reading) the caller said; the longest name wins."""
    heard = _kana(request.POST.get("SpeechResult", ""))
    if not heard:
        return None
    found = [
        (len(_kana(name)), d)
        for d in districts
        for name in (d.name, d.name_kana, d.name_en)
        if name and _kana(name) in heard
    ]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _ask_district(response: VoiceResponse, call: Call, tries: int = 0) -> None:
    districts = _districts()
    ask = gather(
        response,
        call.url("voice/district/", tries),
        digits=2,
        speech=True,
        hints=_district_hints(districts),
        language=call.language,
    )
    call.say(ask, "district_ask")
    for district in districts:
        name = _district_name(district, call)
        number = " ".join(f"{district.flyer_number:02d}")
        call.say(ask, "district_item", name=speakable(name), number=number)


def _district(request, districts=None):
    """The district of the query (a later step), the keys pressed, or the name heard."""
    number = request.GET.get("district") or request.POST.get("Digits", "")
    if number:
        # Only ASCII digits name a district: "²" passes isdigit() and int() refuses it.
        flyer_number = positive_int(number)
        if flyer_number is None:
            return None
        return District.objects.filter(flyer_number=flyer_number).first()
    districts = districts if districts is not None else _districts()
    chosen = _district_heard(request, districts)
    if chosen is None:
        digits = re.findall(r"[0-9]", heard(request))
        if digits:
            return District.objects.filter(flyer_number=int("".join(digits[:2]))).first()
    return chosen


def _upcoming_classes(district):
    sessions = ClassSession.objects.published().upcoming().in_district(district).with_related()
    if hasattr(sessions, "with_seats_left"):
        sessions = sessions.with_seats_left()
    return list(sessions.order_by("starts_at", "id")[:CLASSES_READ])


@twilio_webhook
def voice_district(request):
    call = Call(request)
    response = VoiceResponse()
    district = _district(request)
    if district is None:
        if request.POST.get("Digits") or request.POST.get("SpeechResult"):
            call.say(response, "district_unknown")
        again(response, call, _ask_district)
        return xml(response)
    _ask_class(response, call, 0, district=district)
    return xml(response)


def _district_name(district, call: Call) -> str:
    return spoken_name(district, call.language)


def _ask_class(response: VoiceResponse, call: Call, tries: int = 0, *, district=None) -> None:
    district = district or _district(call.request)
    sessions = _upcoming_classes(district)
    if not sessions:
        call.say(response, "no_classes", district=_district_name(district, call))
        _ask_menu(response, call)
        return
    pick = gather(response, call.url("voice/class/", tries, district=district.flyer_number))
    call.say(pick, "classes_intro", district=_district_name(district, call))
    for number, session in enumerate(sessions, start=1):
        call.say_text(pick, spoken_class(session, number, call.language))
    call.say(pick, "class_pick")
    call.say_text(pick, choices("class", call.language))


@twilio_webhook
def voice_class(request):
    call = Call(request)
    response = VoiceResponse()
    district = _district(request)
    if district is None:
        _ask_menu(response, call)
        return xml(response)
    choice = key_meant(request)
    sessions = _upcoming_classes(district)
    action = keys("class").get(choice)
    if action == "repeat":
        _ask_class(response, call, call.tries, district=district)
    elif action == "back":
        _ask_menu(response, call)
    elif positive_int(choice) and int(choice) <= len(sessions):
        _ask_register(response, call, 0, session=sessions[int(choice) - 1])
    else:
        again(response, call, _ask_class)
    return xml(response)


def _ask_register(response: VoiceResponse, call: Call, tries: int = 0, *, session=None) -> None:
    session = session or get_object_or_404(
        ClassSession, pk=positive_int(call.request.GET.get("session")) or 0
    )
    confirm = gather(response, call.url("voice/register/", tries, session=session.pk))
    call.say_text(confirm, spoken_class(session, language=call.language))
    # The purpose is stated before the key press that records consent (PURPOSE_STATEMENT).
    call.say(confirm, "purpose")
    call.say(confirm, "register_this")
    call.say_text(confirm, choices("register", call.language))


@twilio_webhook
def voice_register(request):
    """Register the caller: 1 pressed after hearing PURPOSE_STATEMENT is their consent.

    The caller's name is never asked and never borrowed from a resident on file
    with the same number (DESIGN.md: a phone number is not an identity): the
    registration carries a stand-in name and waits on the desk's call-back list.
    """
    call = Call(request)
    response = VoiceResponse()
    session = get_object_or_404(ClassSession, pk=positive_int(request.GET.get("session")) or 0)
    action = keys("register").get(key_meant(request))
    if action == "back":
        call.say(response, "not_registered")
        _ask_menu(response, call)
        return xml(response)
    if action != "agree":
        again(response, call, _ask_register)
        return xml(response)
    try:
        # The reason a registration is refused is said in the caller's language.
        with translation.override(call.language):
            registration = register(
                session,
                name="",
                name_kana="",
                phone=call.caller,
                channel="voice",
                district=session.venue.district,
                language=call.language,
                consent=Consent(ConsentMethod.VOICE_KEYPAD),
                name_confirmed=False,
            )
    except AlreadyRegistered:
        # One line cannot tell two callers apart: the desk registers a second person.
        call.say(response, "already")
        _ask_menu(response, call)
        return xml(response)
    except (RegistrationError, ValidationError) as exc:
        # A polite spoken reason (class closed, number refused), never an error page.
        call.say_text(response, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        _ask_menu(response, call)
        return xml(response)
    if registration.status == "waitlisted":
        call.say(response, "waitlisted", position=waitlist_position(registration))
    else:
        call.say(response, "registered")
        call.say_text(response, spoken_class(session, language=call.language))
        call.say(response, "again")
        call.say_text(response, spoken_class(session, language=call.language))
    call.say(response, "call_back", desk=spoken_number(settings.DESK_PHONE_NUMBER, call.language))
    response.hangup()
    return xml(response)


# --- "2": the caller's registrations, and cancelling one ---------------------------
def _my_registrations(caller: str):
    return list(
        Registration.objects.active()
        .filter(phone=caller, session__starts_at__gte=clock.now())
        .select_related("session", "session__venue", "session__topic")
        .order_by("session__starts_at", "id")[:CLASSES_READ]
    )


def _ask_mine(response: VoiceResponse, call: Call, tries: int = 0) -> None:
    registrations = _my_registrations(call.caller)
    if not registrations:
        call.say(response, "no_registrations")
        _ask_menu(response, call)
        return
    pick = gather(response, call.url("voice/mine/", tries))
    call.say(pick, "registrations", count=len(registrations))
    for number, registration in enumerate(registrations, start=1):
        waiting = words("waiting", call.language) if registration.status == "waitlisted" else ""
        call.say_text(pick, spoken_class(registration.session, number, call.language) + waiting)
    call.say(pick, "mine_pick")
    call.say_text(pick, choices("mine", call.language))


@twilio_webhook
def voice_mine(request):
    call = Call(request)
    response = VoiceResponse()
    choice = key_meant(request)
    registrations = _my_registrations(call.caller)
    if keys("mine").get(choice) == "back":
        _ask_menu(response, call)
    elif positive_int(choice) and int(choice) <= len(registrations):
        _ask_cancel(response, call, 0, registration=registrations[int(choice) - 1])
    else:
        again(response, call, _ask_mine)
    return xml(response)


def _callers_registration(call: Call):
    # The registration must belong to the number calling, whatever the URL says.
    return (
        Registration.objects.active()
        .filter(pk=positive_int(call.request.GET.get("registration")) or 0, phone=call.caller)
        .select_related("session", "session__venue", "session__topic")
        .first()
    )


def _ask_cancel(response: VoiceResponse, call: Call, tries: int = 0, *, registration=None) -> None:
    registration = registration or _callers_registration(call)
    confirm = gather(response, call.url("voice/cancel/", tries, registration=registration.pk))
    call.say_text(confirm, spoken_class(registration.session, language=call.language))
    call.say_text(confirm, choices("cancel", call.language))


def _cancel(registration, how: str) -> bool:
    """Cancel for the caller; False when it is too late (the class has started)."""
    try:
        cancel_registration(registration, reason=how)
    except RegistrationError:
        return False
    return True


@twilio_webhook
def voice_cancel(request):
    call = Call(request)
    response = VoiceResponse()
    registration = _callers_registration(call)
    action = keys("cancel").get(key_meant(request))
    if registration is None or action == "back":
        call.say(response, "kept")
        _ask_menu(response, call)
    elif action != "cancel":
        again(response, call, _ask_cancel)
    elif _cancel(registration, "自動音声の電話で取り消し"):
        call.say(response, "cancelled")
        response.hangup()
    else:
        call.say(response, "too_late")
        response.hangup()
    return xml(response)


# --- the answer to an automated call -------------------------------------------------
@twilio_webhook
def voice_answer(request, message_uuid):
    """The answer to an automated call: 1 (coming) or 9 (cancel), asked again on silence."""
    message = get_object_or_404(Message.objects.select_related("registration"), uuid=message_uuid)
    call = Call(request)
    call.language = message.language if message.language in VOICES else "ja"
    response = VoiceResponse()
    registration = message.registration
    action = keys("answer").get(key_meant(request))
    if action == "cancel":
        if (
            registration is not None
            and registration.status != "cancelled"
            and _cancel(registration, "自動音声の連絡に9で回答")
        ):
            message.response = "cancel"
            message.save(update_fields=["response", "updated_at"])
            call.say(response, "cancelled")
        else:
            call.say(response, "goodbye")
    elif action == "coming":
        message.response = "coming"
        message.save(update_fields=["response", "updated_at"])
        call.say(response, "coming_thanks")
    elif call.tries < RETRIES:
        call.say(response, "again")
        outbound_call(response, message, call.tries + 1)
        return xml(response)
    else:
        call.say(response, "goodbye")
    response.hangup()
    return xml(response)
