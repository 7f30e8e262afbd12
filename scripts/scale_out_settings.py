"""Settings for scripts/scale_out.py and scripts/backup_drill.py: production settings,
with static files served by name.

The production storage needs `collectstatic`'s manifest; the runs check the
database, cache and workers, and a collectstatic would only add time.
"""

from config.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
