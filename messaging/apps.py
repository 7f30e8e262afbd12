from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("SMS・音声連絡")

    def ready(self):
        # Imported once the app registry is ready: the receivers reach outreach's models.
        from messaging import receivers, subject_access
        from messaging.models import Message
        from messaging.signals import messages_queued
        from outreach.models import ClassSession, Registration, Resident
        from outreach.signals import class_changed, personal_data_erased, registration_changed
        from outreach.subject_access import personal_data_collected

        registration_changed.connect(
            receivers.on_registration_changed, sender=Registration, dispatch_uid="messaging-reg"
        )
        class_changed.connect(
            receivers.on_class_changed, sender=ClassSession, dispatch_uid="messaging-class"
        )
        personal_data_collected.connect(
            subject_access.sections_for, sender=Resident, dispatch_uid="messaging-collect"
        )
        personal_data_erased.connect(
            receivers.on_personal_data_erased, sender=Resident, dispatch_uid="messaging-erase"
        )
        messages_queued.connect(
            receivers.wake_worker, sender=Message, dispatch_uid="messaging-wake"
        )
