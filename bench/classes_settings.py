"""Settings for bench/registration.py: production settings plus a bare view to compare with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.classes_urls"
