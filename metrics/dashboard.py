"""Everything one figures page shows, built in a fixed number of queries.

The dashboard, the printed report and the exports all call build(), so they
show the same numbers with the same suppression.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.fiscal import FiscalYear
from metrics import cuts, figures, headlines, services
from metrics.figures import Filters
from metrics.headlines import Headline
from metrics.models import FiguresRefresh
from metrics.refresh import last_refresh
from metrics.tables import Table


@dataclass
class Dashboard:
    filters: Filters
    district: object | None
    topic: object | None
    headlines: list[Headline]
    tables: list[Table]
    refresh: FiguresRefresh | None
    now: dt.datetime

    @property
    def year(self) -> FiscalYear:
        return self.filters.fiscal_year

    @property
    def small_max(self) -> int:
        """The largest count of people shown as "*"."""
        return settings.SMALL_COUNT_THRESHOLD - 1

    @property
    def scope(self) -> str:
        """What the figures cover, in words: the whole city, or a district and/or topic."""
        parts = []
        if self.district is not None:
            parts.append(_("%(district)sの教室") % {"district": self.district.display_name})
        if self.topic is not None:
            parts.append(_("講座「%(topic)s」") % {"topic": self.topic.display_title})
        return "・".join(parts) if parts else _("市全体")

    def table(self, key: str) -> Table | None:
        if key == "measures":
            return self.measures_table()
        return next((table for table in self.tables if table.key == key), None)

    def measures_table(self) -> Table:
        return headlines.headline_table(
            self.headlines,
            year_label=self.year.label,
            last_label=_("昨年度（%(year)s）") % {"year": self.year.previous.label},
        )

    def all_tables(self) -> list[Table]:
        return [self.measures_table(), *self.tables]


def build(
    filters: Filters,
    *,
    district=None,
    topic=None,
    now: dt.datetime | None = None,
    dims: cuts.Dimensions | None = None,
    refresh: FiguresRefresh | None = None,
) -> Dashboard:
    """The page; pass `dims` and `refresh` when the caller has read them already."""
    now = now or timezone.now()
    dims = dims or cuts.Dimensions.load()
    data = figures.collect(filters, now=now)
    elapsed = headlines.year_elapsed(filters.fiscal_year, timezone.localdate(now))
    lines = headlines.headlines(
        data.year(filters.fiscal_year),
        data.year(filters.fiscal_year.previous),
        services.targets_for(filters.fiscal_year),
        elapsed,
    )
    return Dashboard(
        filters=filters,
        district=district,
        topic=topic,
        headlines=lines,
        tables=cuts.all_tables(data, now, dims),
        refresh=refresh or last_refresh(),
        now=now,
    )
