"""Every change of state in outreach is one named function here (STYLE.md §4).

registration.py: register, cancel, the waiting list, moving, changing classes.
placing.py: taking a place under the class's lock (the portable and the PostgreSQL way).
identity.py: who a registration is for, consent, and the desk's name corrections.
attendance.py: marks and walk-ins. errors.py: what they refuse, politely.
Views, the API, the voice menu and commands all call these.
"""

from outreach.services.errors import (
    AlreadyRegistered,
    CancellationClosed,
    ClassNotFound,
    ClassNotOpen,
    RegistrationError,
)
from outreach.services.identity import (
    Consent,
    attach_registration,
    confirm_registration_name,
    correct_resident,
)
from outreach.services.registration import (
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
    "CancellationClosed",
    "ClassNotFound",
    "ClassNotOpen",
    "Consent",
    "RegistrationError",
    "attach_registration",
    "cancel_class",
    "cancel_registration",
    "confirm_registration_name",
    "correct_resident",
    "move_registration",
    "promote_waitlist",
    "publish_class",
    "register",
    "update_class",
    "waitlist_position",
]
