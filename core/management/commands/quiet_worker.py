"""django-tasks-db's db_worker with its per-task lines left out: warnings and errors only.

`make run` starts it beside the web server in one terminal. At db_worker's
default verbosity every task prints two INFO lines (running, succeeded), and a
demo's e-mails and messages push the server's address and the sign-in details
off the screen; `--verbosity 0` would hide a failing task too. Verbosity 2 and
above still show everything.
"""

import logging

from django_tasks_db.management.commands.db_worker import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import logger as worker_logger


class Command(DbWorkerCommand):
    help = "Run the task worker, printing only warnings and errors (verbosity 2: everything)."

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        if verbosity == 1:
            logging.getLogger(TASKS_LOGGER).setLevel(logging.WARNING)
            worker_logger.setLevel(logging.WARNING)
