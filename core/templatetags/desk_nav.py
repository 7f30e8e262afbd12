from django import template

from core.desk_nav import desk_links, is_desk_page

register = template.Library()


@register.inclusion_tag("core/desk_nav.html", takes_context=True)
def desk_nav(context) -> dict:
    """The desk's menu on a desk page for someone who may open a link of it; nothing elsewhere."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = getattr(match, "view_name", "") or ""
    if request is None or not is_desk_page(view_name):
        return {"links": []}
    return {"links": desk_links(request.user, view_name)}
