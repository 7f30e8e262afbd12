import pytest


@pytest.fixture
def desk(client, coordinator_with_totp):
    """A coordinator's signed-in client (with TOTP, as the middleware requires)."""
    client.force_login(coordinator_with_totp)
    return client
