"""Demo data for the figures: targets for the three years of history, then a full refresh."""

from decimal import Decimal

from core.fiscal import FiscalYear
from metrics.models import Target
from metrics.refresh import refresh_figures

# What a city might set for its second ICT strategy, rising each year (施策目標値).
TARGETS = {
    "residents_reached": [600, 650, 700],
    "classes_held": [185, 190, 190],
    "attendees_per_class": [6, 6.5, 7],
    "fill_rate": [70, 75, 80],
    "no_show_rate": [8, 8, 7],
    "waitlist_demand": [150, 150, 120],
    "repeat_rate": [55, 60, 60],
    "can_do_improvement": [60, 65, 70],
    "satisfaction": [80, 85, 85],
    "helper_ratio_kept": [80, 90, 95],
    "mountainous_share": [35, 40, 45],
    "registrations": [1300, 1400, 1500],
    "messages_sent": [1700, 1800, 1900],
    "message_cost": [180, 190, 200],
}


def seed(ctx) -> None:
    current = FiscalYear.current()
    years = [current.previous.previous, current.previous, current]
    for key, values in TARGETS.items():
        for year, value in zip(years, values, strict=True):
            _target, created = Target.objects.get_or_create(
                measure=key, fiscal_year=year.start_year, defaults={"value": Decimal(value)}
            )
            ctx.count("targets", created)
    ctx.say(f"  targets: {ctx.created.get('targets', 0)} new")
    report = refresh_figures(full=True, progress=ctx.say)
    ctx.say(
        f"  figures: {report.classes} classes and {report.registrations} registrations "
        f"summarised in {report.seconds:.1f} s"
    )
