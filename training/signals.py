"""Signals training sends after a change has committed.

emails_queued(sender=EmailLog)
    New rows are in the email log. training.tasks wakes a worker to send them
    (connected in TrainingConfig.ready), so the services, which the tasks also
    call, never import the tasks.
"""

from django.dispatch import Signal

emails_queued = Signal()
