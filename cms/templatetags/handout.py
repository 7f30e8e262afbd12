"""The printed handout's way back to the page: its public address as a QR code."""

import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_code(url: str, title: str = ""):
    """An inline SVG QR code for `url` (error correction M: still reads when the paper is
    creased or a corner is smudged). Inline, so the handout prints without fetching it."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4,
        dark="#000",
        light="#fff",
        title=title or None,
        svgclass="handout__qr-code",
        omitsize=True,
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own SVG; the title is escaped by segno
