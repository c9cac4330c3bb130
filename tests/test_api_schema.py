"""The API answers as its OpenAPI schema says: schemathesis generates requests from the schema
(filters, cursors, page sizes, slugs) for every operation and checks every answer against it.

A filter's value is a slug the schema cannot list (a city, a tag), so a made-up one is
rightly refused with a documented 400: the check that schema-valid values are accepted is
left out, every other (no server error, documented status, body and headers) applies.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.helpers import build_catalogue

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 10


@pytest.fixture
def connections_kept_open():
    """The WSGI app closes "old" connections around each request, as a server should; inside a test's
    transaction that would close the test's own connection (PostgreSQL), so keep it open, as Django's
    test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_answer_conforms_to_the_schema(settings, connections_kept_open):
    from django.core.wsgi import get_wsgi_application

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": {"views": [], "ip": (100_000, 60)}}
    build_catalogue(3)
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 12  # a list and a record for each of the six kinds

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
