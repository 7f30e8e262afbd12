"""The registration form's HTML: each attribute once per element, every reference resolvable.

A duplicated attribute is not an error a browser reports: it keeps the first and
drops the rest (a phone field written type="text" … type="tel" gets no phone keypad).
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import ClassSessionFactory

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def _elements(html: str):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def _repeated_attributes(html: str) -> list[str]:
    found = []
    for tag, attrs in _elements(html):
        names = [name for name, _value in attrs]
        found += [f"<{tag}> {name}" for name in sorted(set(names)) if names.count(name) > 1]
    return found


def _dangling_references(html: str) -> set[str]:
    elements = _elements(html)
    ids = {value for _tag, attrs in elements for name, value in attrs if name == "id"}
    wanted = {
        ref
        for _tag, attrs in elements
        for name, value in attrs
        if name in ("aria-describedby", "aria-labelledby", "for") and value
        for ref in value.split()
    }
    return wanted - ids


def _form_pages(client):
    url = reverse("outreach:class-register", args=[ClassSessionFactory().pk])
    empty = client.get(url)
    with_errors = client.post(url, {"name": "", "phone": "0120-444-555", "party_size": "1"})
    assert (empty.status_code, with_errors.status_code) == (200, 400)
    return {"empty": empty.content.decode(), "with errors": with_errors.content.decode()}


def test_the_checks_find_a_repeated_attribute_and_a_dangling_reference():
    html = '<input type="text" type="tel" aria-describedby="nowhere" id="x">'
    assert _repeated_attributes(html) == ["<input> type"]
    assert _dangling_references(html) == {"nowhere"}


def test_no_element_of_the_registration_form_repeats_an_attribute(client):
    for name, html in _form_pages(client).items():
        assert _repeated_attributes(html) == [], name


def test_every_description_and_label_of_the_form_points_at_an_element(client):
    for name, html in _form_pages(client).items():
        assert _dangling_references(html) == set(), name


def test_the_phone_field_asks_for_the_phone_keypad(client):
    html = _form_pages(client)["empty"]
    phone = next(attrs for tag, attrs in _elements(html) if ("name", "phone") in attrs)
    assert ("type", "tel") in phone and ("inputmode", "tel") in phone
