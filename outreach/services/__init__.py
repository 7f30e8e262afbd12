"""Every change of state in outreach is one named function here (STYLE.md §4).

registration.py: register, cancel, the waiting list. attendance.py: marks and walk-ins.
Views, the API, the voice menu and commands all call these.
"""

from outreach.services.registration import (
    AlreadyRegistered,
    ClassNotOpen,
    RegistrationError,
    cancel_class,
    cancel_registration,
    move_registration,
    promote_waitlist,
    publish_class,
    register,
    update_class,
    waitlist_position,
)

__all__ = [
    "AlreadyRegistered",
    "ClassNotOpen",
    "RegistrationError",
    "cancel_class",
    "cancel_registration",
    "move_registration",
    "promote_waitlist",
    "publish_class",
    "register",
    "update_class",
    "waitlist_position",
]
