"""Twilio's webhooks, at /twilio/ (not translated: Twilio calls these addresses)."""

from django.urls import path

from messaging import webhooks

app_name = "messaging"

urlpatterns = [
    path("status/", webhooks.status_callback, name="twilio-status"),
    path("sms/", webhooks.incoming_sms, name="twilio-sms"),
    path("voice/", webhooks.voice_incoming, name="twilio-voice"),
    path("voice/menu/", webhooks.voice_menu, name="twilio-voice-menu"),
    path("voice/district/", webhooks.voice_district, name="twilio-voice-district"),
    path("voice/class/", webhooks.voice_class, name="twilio-voice-class"),
    path("voice/register/", webhooks.voice_register, name="twilio-voice-register"),
    path("voice/mine/", webhooks.voice_mine, name="twilio-voice-mine"),
    path("voice/cancel/", webhooks.voice_cancel, name="twilio-voice-cancel"),
    path("voice/recorded/", webhooks.voice_recorded, name="twilio-voice-recorded"),
    path("voice/answer/<uuid:message_uuid>/", webhooks.voice_answer, name="twilio-voice-answer"),
]
