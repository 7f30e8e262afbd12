import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Before the first request, not during it (config/warmup.py).
from config.warmup import warm  # noqa: E402

warm()
