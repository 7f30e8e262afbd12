"""quiet_worker: the task worker `make run` starts prints warnings and errors, not every task."""

import io
import logging

import pytest
from django_tasks_db.management.commands.db_worker import TASKS_LOGGER

from core.management.commands.quiet_worker import Command


@pytest.fixture
def worker_loggers():
    names = (TASKS_LOGGER, "django_tasks_db")
    levels = {name: logging.getLogger(name).level for name in names}
    yield [logging.getLogger(name) for name in names]
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_at_the_default_verbosity_only_warnings_and_errors_are_printed(worker_loggers):
    Command(stdout=io.StringIO()).configure_logging(1)
    assert [logger.level for logger in worker_loggers] == [logging.WARNING, logging.WARNING]
    assert all(not logger.isEnabledFor(logging.INFO) for logger in worker_loggers)
    assert all(logger.isEnabledFor(logging.ERROR) for logger in worker_loggers)


def test_verbosity_two_still_shows_every_task(worker_loggers):
    Command(stdout=io.StringIO()).configure_logging(2)
    assert [logger.level for logger in worker_loggers] == [logging.DEBUG, logging.DEBUG]
