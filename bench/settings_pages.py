"""Settings for bench/pages.py: production settings plus one bare view to compare against."""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_pages"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The run's own keys: another run on the same Redis must not purge or read them.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_CACHE_PREFIX", "bench")  # noqa: F405
