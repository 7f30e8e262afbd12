"""Each test starts in Japanese, whatever language the test before it left active.

A request to an /en/ page activates English in the test's own thread (LocaleMiddleware
does not switch back), and messages translated outside a request would follow it.
"""

from django.utils import translation


def test_a_test_may_leave_english_active():
    translation.activate("en")
    assert translation.get_language() == "en"


def test_the_next_test_starts_in_japanese():
    assert translation.get_language() == "ja"
