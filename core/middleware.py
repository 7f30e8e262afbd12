from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

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


class NulCharacterRefusalMiddleware:
    """Refuse a request whose address, query or cookies contain a NUL character (400).

    PostgreSQL can neither store nor compare text containing NUL, so such a value
    reaching a lookup (a manage link /r/<token>/, a session cookie) failed there
    with a 500. No page, token or cookie of Tsunagu ever contains one: only a
    malformed or hostile request does, and it gets a plain answer instead.
    Request bodies are checked where they are read (forms, the API's schemas).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
        return any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items())

    @staticmethod
    def _refuse(request):
        message = _("使えない文字（NUL文字など）が含まれています。")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "400.html", status=400)


class ApiLanguageMiddleware:
    """Answer /api/ in the language the client asks for (language cookie, Accept-Language).

    The API is not under i18n_patterns, and LocaleMiddleware gives every unprefixed
    address the default language, so a tablet showing the English roster would get
    Japanese reasons for refused items. The tablet's script sends its page's
    language in Accept-Language; a client that sends nothing gets Japanese.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
