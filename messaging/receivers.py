"""What outreach's changes send: connected in MessagingConfig.ready().

outreach sends its signals on commit, so a rolled-back registration never
messages anyone. Each receiver only queues; the worker sends.
"""

from datetime import timedelta

from messaging import services
from messaging.models import Channel, Purpose

# cancel_class writes the session and its registrations in one transaction; a
# registration cancelled within this long of the class was cancelled with it.
_GRACE = timedelta(minutes=5)


def on_registration_changed(sender, registration, event, **kwargs):
    if event == "confirmed":
        message = None
        if registration.channel == "voice":
            # The caller has just heard the confirmation on the voice menu; a
            # landline gets no second call for it (a mobile still gets the SMS).
            built = services.build_message(registration, Purpose.CONFIRMATION, due_at=None)
            if built is None or built.channel == Channel.VOICE:
                return
        message = services.queue_message(registration, Purpose.CONFIRMATION)
        return message
    if event == "waitlisted":
        from outreach.services import waitlist_position

        if registration.channel == "voice":
            return None
        return services.queue_message(
            registration, Purpose.WAITLISTED, position=waitlist_position(registration)
        )
    if event == "promoted":
        return services.queue_message(registration, Purpose.PROMOTION)
    if event == "cancelled":
        services.skip_pending(registration=registration, reason="申込が取り消されました")
    return None


def on_class_changed(sender, session, event, **kwargs):
    if event == "cancelled":
        # Everyone who held a place (or a waiting-list place) when it was
        # cancelled; cancel_class may already have cancelled their registrations.
        for registration in _people_of(session, include_cancelled_by_class=True):
            services.queue_message(registration, Purpose.CLASS_CANCELLED)
    elif event == "moved":
        for registration in _people_of(session):
            services.queue_message(
                registration, Purpose.CLASS_MOVED, occasion=str(session.sequence)
            )


def _people_of(session, include_cancelled_by_class: bool = False):
    from outreach.models import Registration

    registrations = Registration.objects.filter(session=session).select_related(
        "resident", "session", "session__venue", "session__topic"
    )
    if include_cancelled_by_class:
        # Those cancelled by the resident themselves earlier need no notice.
        return [
            r
            for r in registrations
            if r.status != "cancelled" or r.status_changed_at >= session.updated_at - _GRACE
        ]
    return list(registrations.active())
