"""The site's URLs, plus /media/ served from the default storage, for browser tests.

The test settings keep uploaded files (the help articles' pictures) in memory, where
no web server would find them; the live server runs in the same process and can.
"""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401 - the site's error pages
from config.urls import urlpatterns as site_urlpatterns


def media(request, name):
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(default_storage.open(name), content_type=content_type)


urlpatterns = [path("media/<path:name>", media), *site_urlpatterns]
