"""Twilio's webhooks: delivery status and incoming SMS (the voice menu: messaging.voice_menu).

Every view checks X-Twilio-Signature against PUBLIC_BASE_URL + the path and
query (what Twilio signed), so the query parameters that carry the menu's
state between steps cannot be forged either. The voice menu tree is drawn in
docs/messaging.md.
"""

import unicodedata
import uuid
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from messaging.models import InboundMessage, OptOut
from messaging.services.inbox import record_inbound
from messaging.services.optouts import opt_in, opt_out
from messaging.services.status import record_status

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


def caller_number(request) -> str:
    return request.POST.get("From", "")[:20]


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
    sender = caller_number(request)
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
