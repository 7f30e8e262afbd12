"""Pieces shared by the reference-data screens in the Wagtail admin."""

from collections import Counter

from django.contrib import messages
from django.db import router, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.views import generic


def describe_uses(error: ProtectedError) -> str:
    """'教室 3件、会場 1件': what still points at the row, by kind."""
    kinds = Counter(str(obj._meta.verbose_name) for obj in error.protected_objects)
    return "、".join(
        _("%(kind)s %(count)s件") % {"kind": kind, "count": count}
        for kind, count in sorted(kinds.items())
    )


class ProtectedDeleteView(generic.DeleteView):
    """Deleting a row that others still use (on_delete=PROTECT) is refused with a message.

    Wagtail's usage count only sees models in its reference index, so the
    database's PROTECT is the rule that holds: the delete is tried first as
    Django would do it, and again for real in a transaction (a class may be
    added to the venue in between), so Wagtail's log entry goes with a refusal.
    """

    def form_valid(self, form):
        try:
            Collector(using=router.db_for_write(self.model)).collect([self.object])
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            messages.error(
                self.request,
                _(
                    "「%(object)s」は使われているため削除できません（%(uses)s）。先にそちらを変えてください。"
                )
                % {"object": self.object, "uses": describe_uses(error)},
            )
            return redirect(self.edit_url_name, self.object.pk)
