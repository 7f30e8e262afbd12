from django import template

from core.permissions import has_any_role
from core.roles import Role

register = template.Library()


@register.simple_tag(takes_context=True)
def training_roles(context) -> dict:
    """Which parts of the staff course pages the signed-in person may open (for the menu)."""
    user = context["request"].user
    return {
        "learner": has_any_role(user, Role.STAFF_LEARNER, Role.COORDINATOR),
        "instructor": has_any_role(user, Role.INSTRUCTOR, Role.COORDINATOR),
    }
