from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("ヘルプ・お知らせページ")

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished
        from wagtail_localize.models import TranslationLog

        from cms.cache import purge
        from cms.translations import (
            record_progress_on_publish,
            record_progress_on_translation_saved,
        )
        from outreach.queries import on_classes_changed

        # Before the purge: the next reader must find the page's progress recorded.
        page_published.connect(record_progress_on_publish, dispatch_uid="cms-progress-published")
        post_save.connect(
            record_progress_on_translation_saved,
            sender=TranslationLog,
            dispatch_uid="cms-progress-translation",
        )

        # The help pages and the class finder show classes with their seats, so a
        # change to a class or a registration purges the public page cache as a
        # publish does (cms/cache.py).
        page_published.connect(purge, dispatch_uid="cms-purge-published")
        page_unpublished.connect(purge, dispatch_uid="cms-purge-unpublished")
        on_classes_changed(purge, dispatch_uid="cms-purge")
