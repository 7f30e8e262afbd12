"""A small OpenID Connect provider for the sign-in tests: allauth's own identity-provider
app (allauth.idp.oidc) in a Django project of its own, run as a separate process.

It stands in for the city's identity provider: staff sign in there with a password
and Tsunagu receives their verified email address in the ID token and userinfo.
"""
