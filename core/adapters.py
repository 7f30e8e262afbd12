from allauth.account.adapter import DefaultAccountAdapter


class CityAccountAdapter(DefaultAccountAdapter):
    """Accounts are made by the city for its staff and volunteers; nobody signs up alone.

    Residents never need an account to register for a class.
    """

    def is_open_for_signup(self, request) -> bool:
        return False
