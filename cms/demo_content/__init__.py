"""Demo help content: eight articles, each in every language of the site.

One module per article holds all its versions side by side, so a translator
compares them sentence by sentence; base.py describes the format and the
conventions. The home page, the help index and the "ask for help" sentence are
in site_pages.py, the accessibility and privacy pages in policies.py, and the
drawings the steps show in pictures/.
"""

from cms.demo_content import (
    health_insurance_card,
    line_send_photo,
    map_find_bus,
    mynumber_card_online,
    pay_with_phone,
    phone_scams,
    take_photo,
    text_size,
)
from cms.demo_content.site_pages import ASK_TEXT, HOME, INDEX

ARTICLES = [
    text_size.ARTICLE,
    phone_scams.ARTICLE,
    mynumber_card_online.ARTICLE,
    line_send_photo.ARTICLE,
    map_find_bus.ARTICLE,
    pay_with_phone.ARTICLE,
    health_insurance_card.ARTICLE,
    take_photo.ARTICLE,
]

__all__ = ["ARTICLES", "ASK_TEXT", "HOME", "INDEX"]
