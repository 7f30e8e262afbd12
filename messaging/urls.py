"""Twilio's webhooks, at /twilio/ (not translated: Twilio calls these addresses)."""

from django.urls import path

from messaging import voice_menu, webhooks

app_name = "messaging"

urlpatterns = [
    path("status/", webhooks.status_callback, name="twilio-status"),
    path("sms/", webhooks.incoming_sms, name="twilio-sms"),
    path("voice/", voice_menu.voice_incoming, name="twilio-voice"),
    path("voice/menu/", voice_menu.voice_menu, name="twilio-voice-menu"),
    path("voice/district/", voice_menu.voice_district, name="twilio-voice-district"),
    path("voice/class/", voice_menu.voice_class, name="twilio-voice-class"),
    path("voice/register/", voice_menu.voice_register, name="twilio-voice-register"),
    path("voice/mine/", voice_menu.voice_mine, name="twilio-voice-mine"),
    path("voice/cancel/", voice_menu.voice_cancel, name="twilio-voice-cancel"),
    path("voice/recorded/", voice_menu.voice_recorded, name="twilio-voice-recorded"),
    path("voice/answer/<uuid:message_uuid>/", voice_menu.voice_answer, name="twilio-voice-answer"),
]
