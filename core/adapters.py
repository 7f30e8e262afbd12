from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class CityAccountAdapter(DefaultAccountAdapter):
    """Accounts are made by the city for its staff and volunteers; nobody signs up alone.

    Residents never need an account to register for a class.
    """

    def is_open_for_signup(self, request) -> bool:
        return False


class CitySocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in through the city's identity provider finds an existing account, never makes one.

    allauth matches the provider's *verified* email addresses to accounts
    (SOCIALACCOUNT_EMAIL_AUTHENTICATION): HR's file put the same city address on
    each member of staff. An address the provider has not verified matches
    nothing, so a provider account that merely claims a colleague's address
    cannot take over theirs. Anyone unmatched sees the "ask the DX office" page
    (account/signup_closed.html).
    """

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False
