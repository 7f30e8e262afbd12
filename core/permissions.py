"""Role checks for views: `@role_required(Role.TRAINER)` and `RoleRequiredMixin`.

Signed-out people are sent to sign in; signed-in people without the role get
403, never a redirect loop. Superusers pass every check.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from core.roles import Role, user_has_role


def has_any_role(user, *roles: str) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(user_has_role(user, role) for role in roles)


def role_required(*roles: str):
    """Allow a view to people who hold any one of the roles."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_any_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator


coordinator_required = role_required(Role.COORDINATOR)
trainer_required = role_required(Role.TRAINER, Role.COORDINATOR)
staff_learner_required = role_required(Role.STAFF_LEARNER, Role.COORDINATOR)
instructor_required = role_required(Role.INSTRUCTOR, Role.COORDINATOR)
# Aggregates only: the figures never name a person, so viewers need no more.
figures_required = role_required(Role.FIGURES_VIEWER, Role.COORDINATOR)


class RoleRequiredMixin:
    """For class-based views: set `required_roles = (Role.COORDINATOR,)`."""

    required_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_any_role(request.user, *self.required_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def grantable_roles(user) -> list[str]:
    """The roles this person may give to others in the staff account screens.

    Coordinators see every resident's phone number, so only a superuser makes a
    coordinator; a coordinator gives the other roles.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return list(Role.values)
    if user_has_role(user, Role.COORDINATOR):
        return [role for role in Role.values if role != Role.COORDINATOR]
    return []


def may_manage_account(user, account) -> bool:
    """Whether this person may change that account (its email, roles, active flag).

    Only a superuser changes a superuser's or a coordinator's account: whoever
    may change an account's email may reset its password and take it over.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    if not user_has_role(user, Role.COORDINATOR):
        return False
    # Group membership, not user_has_role: a switched-off coordinator's account is
    # still one that only a superuser may switch back on.
    holds_coordinator = any(group.name == Role.COORDINATOR for group in account.groups.all())
    return not account.is_superuser and not holds_coordinator
