from django import template
from django.utils.safestring import mark_safe

from cms import japanese, readings
from cms.languages import interface_language
from cms.reading import reading_prefs

register = template.Library()


@register.simple_tag(takes_context=True)
def reading_aids(context):
    """The reader's reading aids (furigana, larger text, contrast) from their cookie."""
    return reading_prefs(context.get("request"))


@register.simple_tag
def interface_lang() -> str:
    """The language the menus are really in: marks them lang="ja" where not yet translated."""
    return interface_language()


@register.filter
def furigana(value, on=True):
    """Ruby readings over kanji in plain text or trusted HTML (rich text already rendered)."""
    if not on or value is None:
        return value
    if hasattr(value, "__html__"):
        places = readings.place_readings()
        return mark_safe(japanese.furigana_html(str(value.__html__()), places))  # noqa: S308 - input already safe HTML; only ruby tags are added
    return mark_safe(japanese.furigana_text(str(value), readings.place_readings()))  # noqa: S308 - furigana_text escapes its input


class _FuriganaNode(template.Node):
    def __init__(self, nodelist, on):
        self.nodelist = nodelist
        self.on = on

    def render(self, context):
        markup = self.nodelist.render(context)
        if not self.on.resolve(context):
            return markup
        return japanese.furigana_html(markup, readings.place_readings())


@register.tag("with_furigana")
def with_furigana(parser, token):
    """{% with_furigana on %}…{% endwith_furigana %}: ruby over every kanji of the
    enclosed markup when `on`: the page's frame (menus, headings, buttons, labels) as
    well as its articles, for a reader who turned furigana on.

    Text already in ruby (an article, through the furigana filter) is left as it is,
    and so is text marked as another language.
    """
    try:
        _name, on = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("with_furigana takes one argument: on") from None
    nodelist = parser.parse(("endwith_furigana",))
    parser.delete_first_token()
    return _FuriganaNode(nodelist, parser.compile_filter(on))
