"""Schemathesis over /api/v1/openapi.json: no 5xx, and every answer as the document says.

Requests are generated from the OpenAPI document itself, both ones it allows
(positive) and ones it forbids (negative: wrong types, unknown fields, missing
fields, values out of range), and sent to the app in-process through WSGI on
the test database. Every default check runs on each answer: no server error,
status codes, content types and bodies as documented, bad input refused, good
input accepted.

Random ids and phone numbers almost never name a class or reach a person, so
each operation also runs with ids of real classes and registrations (open,
started) and, for registrations, a reachable phone number: the 201, 200 and
409 answers are checked as well, not only 404 and 422.

Each run is derandomized, so a failure can be replayed; it is driven here
rather than through schemathesis's pytest plugin so that the cases see
pytest-django's test database.
"""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from tests.factories import ClassSessionFactory, DistrictFactory, RegistrationFactory, VenueFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 20  # per run: 6 operations, 2 modes, 5 runs with real ids
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # A phone number can match every rule a schema can state and still be
            # one that never reaches a person (too few digits, free dial): the API
            # answers 422 naming the field, and that is accepted here as well.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]
            }
        }
    }
)
REGISTER = "POST /api/v1/classes/{class_id}/registrations"


@pytest.fixture
def known(settings):
    """Real rows for the generated requests to name: {operation: [path parameters]}."""
    # Rate limiting has its own test (test_api.py); here it would only turn the
    # registration examples into 429s after the first few.
    settings.REGISTRATION_RATE_LIMIT = "100000/m"
    fujino = DistrictFactory(code="fujino")
    open_class = ClassSessionFactory(venue=VenueFactory(district=fujino), capacity=3)
    start = timezone.now() - dt.timedelta(minutes=5)
    started = ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    booked, too_late = RegistrationFactory(session=open_class), RegistrationFactory(session=started)
    return {
        "GET /api/v1/classes/{class_id}": [{"class_id": open_class.pk}],
        REGISTER: [{"class_id": open_class.pk}, {"class_id": started.pk}],
        "DELETE /api/v1/registrations/{manage_token}": [
            {"manage_token": booked.manage_token},
            {"manage_token": too_late.manage_token},
        ],
    }


@pytest.fixture
def api_schema(known):
    django_app = get_wsgi_application()

    def app(environ, start_response):
        # Every WSGI server sets the client's address; werkzeug's test client does not.
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return django_app(environ, start_response)

    # As Django's own test client does: the start and end of a request must not
    # close the connection that holds the test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def _with_reachable_phone(drawn):
    case, n = drawn
    if isinstance(case.body, dict):
        case.body["phone"] = f"090-7000-{n:04d}"
    return case


def _strategies(operation, mode, known):
    yield operation.as_strategy(generation_mode=mode)
    if mode is GenerationMode.NEGATIVE:
        return
    for parameters in known.get(operation.label, []):
        strategy = operation.as_strategy(generation_mode=mode, path_parameters=parameters)
        if operation.label == REGISTER:
            strategy = st.tuples(strategy, st.integers(0, 30)).map(_with_reachable_phone)
        yield strategy


def _failures(operation, mode, strategy) -> list[str]:
    found: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        try:
            case.call_and_validate()
        except AssertionError as exc:  # schemathesis's FailureGroup: checks that failed
            found.append(f"{operation.label} ({mode.value}): {exc}")
            raise

    try:
        run()
    except AssertionError:
        pass  # reported below with the others
    except Unsatisfiable:
        # Some inputs have no sendable negative form (a path string, an operation
        # that takes nothing); a positive case must always be possible.
        if mode is GenerationMode.POSITIVE:
            raise
    return found[-1:]  # Hypothesis shrinks: the last one is the smallest example


def test_the_api_answers_every_generated_request_as_its_document_says(api_schema, known):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 6
    failures = [
        failure
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        for strategy in _strategies(operation, mode, known)
        for failure in _failures(operation, mode, strategy)
    ]
    assert failures == [], "\n\n".join(failures)
