from django.db import models

from core.models import AuditEvent


def record(actor, action: str, obj: models.Model | None = None, **detail) -> AuditEvent:
    """Write one audit line. Call it inside the transaction of the change it records."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail,
    )
