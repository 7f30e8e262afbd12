from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("職員ICT研修")

    def ready(self):
        from training import tasks
        from training.models import EmailLog
        from training.signals import emails_queued

        emails_queued.connect(tasks.wake_sender, sender=EmailLog, dispatch_uid="training-emails")
