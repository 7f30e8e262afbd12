"""Put the relying party (Tsunagu) and people into the stand-in provider.

python -m tests.oidc_idp.seed '{"client": {...}, "people": [...]}' with IDP_DATABASE set.
"""

import json
import os
import sys


def main(spec: dict) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_idp.settings")
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from allauth.idp.oidc.models import Client
    from django.contrib.auth import get_user_model

    client = spec["client"]
    relying_party = Client(id=client["id"], name="Tsunagu", skip_consent=False)
    relying_party.set_secret(client["secret"])
    relying_party.set_scopes(["openid", "profile", "email"])
    relying_party.set_redirect_uris(client["redirect_uris"])
    relying_party.save()
    User = get_user_model()
    for person in spec["people"]:
        user, _created = User.objects.get_or_create(
            username=person["email"], defaults={"email": person["email"]}
        )
        user.set_password(person["password"])
        user.save()
        EmailAddress.objects.update_or_create(
            user=user,
            email=person["email"],
            defaults={"verified": person.get("verified", True), "primary": True},
        )


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
