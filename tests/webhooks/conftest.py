import pytest


@pytest.fixture(autouse=True)
def local_receivers(settings):
    """The tests' receivers listen on 127.0.0.1 over plain http: allowed here only
    (tests/webhooks/test_hardening.py checks the refusal)."""
    settings.WEBHOOK_ALLOW_PRIVATE = True
