"""The one signal messaging sends itself, so that its services never import its tasks.

messages_queued(sender=Message)
    sent on commit once messages were queued; messaging.receivers.wake_worker
    answers it by enqueuing the delivery task. A rolled-back queueing wakes nobody.
"""

from django.dispatch import Signal

messages_queued = Signal()
