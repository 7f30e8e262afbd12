"""config/warmup.py: a new server process loads URLs, catalogues and the numbering plan
before its first request, without touching the database."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.urls import get_resolver
from django.utils.translation import trans_real

def loaded():
    return sorted(trans_real.to_language(code) for code in trans_real._translations)

resolver = get_resolver()
before = {"urls": resolver._populated, "languages": loaded()}
import config.wsgi  # what gunicorn imports in each worker
print(json.dumps({
    "before": before,
    "urls": resolver._populated,
    "languages": loaded(),
    "expected": sorted(code for code, _ in settings.LANGUAGES),
    "connected": connection.connection is not None,
}))
"""


def test_importing_the_wsgi_application_warms_the_process_without_a_database_connection():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["before"]["urls"] is False
    assert seen["before"]["languages"] != seen["expected"]
    assert seen["urls"] is True
    assert seen["languages"] == seen["expected"]
    assert seen["connected"] is False
