"""Small template helpers for the attendance pages."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0)


@register.simple_tag
def can_do_answer(state, statement, phase: str) -> str:
    """The current answer to one statement at one phase, as the coordinator reads it."""
    mark = state.can_do.get((statement.pk, phase))
    return mark.value_label if mark else "—"
