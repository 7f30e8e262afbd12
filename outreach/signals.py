"""Signals that outreach sends after a change has committed.

messaging listens to these to send confirmations, promotions and cancellation
notices; outreach never imports messaging. Each is sent from
transaction.on_commit, so a rolled-back change never sends anything.

registration_changed(sender=Registration, registration=..., event=...)
    event is one of "confirmed", "waitlisted", "promoted", "cancelled".
class_changed(sender=ClassSession, session=..., event=...)
    event is one of "cancelled", "moved" (time or venue changed).
personal_data_erased: the one signal sent inside a transaction (see below).
"""

from django.dispatch import Signal

registration_changed = Signal()
class_changed = Signal()

# Sent INSIDE the transaction that erases the data, not on commit: messaging's
# copies of the same data (message bodies and recipients, inbound texts and
# recordings) must be erased in the same commit or not at all.
# personal_data_erased(sender=Resident, residents=[ids], registrations=[ids],
#                      phones=[E.164 numbers no longer held by anyone on file],
#                      received_before=aware datetime or None)
personal_data_erased = Signal()
