from django.shortcuts import redirect
from django.urls import reverse

from core.roles import Role, user_has_role


class CoordinatorTOTPRequiredMiddleware:
    """Coordinators see every resident's phone number, so they must sign in with TOTP.

    A coordinator without an authenticator app is sent to set one up before any
    other page; the sign-in, sign-out and set-up pages stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user_has_role(user, Role.COORDINATOR)
            and not self._allowed_without_totp(request.path)
            and not self._has_totp(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed_without_totp(path: str) -> bool:
        return path.startswith(("/accounts/", "/static/", "/healthz", "/i18n/")) or path == reverse(
            "account_logout"
        )

    @staticmethod
    def _has_totp(user) -> bool:
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
