"""Signals that outreach sends after a change has committed.

messaging listens to these to send confirmations, promotions and cancellation
notices; outreach never imports messaging. Each is sent from
transaction.on_commit, so a rolled-back change never sends anything.

registration_changed(sender=Registration, registration=..., event=...)
    event is one of "confirmed", "waitlisted", "promoted", "cancelled".
class_changed(sender=ClassSession, session=..., event=...)
    event is one of "cancelled", "moved" (time or venue changed).
"""

from django.dispatch import Signal

registration_changed = Signal()
class_changed = Signal()
