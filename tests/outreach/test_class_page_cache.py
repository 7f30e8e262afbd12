"""The class finder and the class page from the public page cache: never a stale seat count,
never one visitor's data in another's page, and no queries on a hit."""

import pytest
from django.urls import reverse

from outreach.models import Registration
from outreach.services import cancel_registration, register
from tests.factories import ClassSessionFactory, consent

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


def _register(session, n, on_commit):
    # The page cache purges on outreach's signals, which are sent on commit.
    with on_commit(execute=True):
        return register(
            session,
            name="申込者",
            name_kana="",
            phone=f"080-2222-{n:04d}",
            channel=Registration.Channel.DESK,
            consent=consent("desk_read_out"),
        )


@pytest.mark.parametrize("page", ["list", "detail"])
def test_the_next_visit_after_a_registration_shows_the_new_seats_left(
    client, django_capture_on_commit_callbacks, page
):
    session = ClassSessionFactory(capacity=3)
    url = (
        reverse("outreach:class-list")
        if page == "list"
        else reverse("outreach:class-detail", args=[session.pk])
    )
    assert client.get(url)[HEADER] == "miss"
    cached = client.get(url)
    assert cached[HEADER] == "hit" and "残り3席" in cached.content.decode()

    first = _register(session, 1, django_capture_on_commit_callbacks)
    after_one = client.get(url)
    assert after_one[HEADER] == "miss"
    assert "残り2席" in after_one.content.decode()
    assert "残り2席" in client.get(url).content.decode()

    _register(session, 2, django_capture_on_commit_callbacks)
    _register(session, 3, django_capture_on_commit_callbacks)
    assert "満席" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(first, reason="テスト")
    assert "残り1席" in client.get(url).content.decode()


@pytest.mark.parametrize("page", ["list", "detail"])
def test_one_more_party_on_a_waiting_list_keeps_the_cached_page(
    client, django_capture_on_commit_callbacks, page
):
    """The pages say 満席 once anyone waits: a second party waiting changes nothing there,
    so it costs no purge (a burst for a full class is mostly such registrations)."""
    session = ClassSessionFactory(capacity=1)
    url = (
        reverse("outreach:class-list")
        if page == "list"
        else reverse("outreach:class-detail", args=[session.pk])
    )
    first = _register(session, 1, django_capture_on_commit_callbacks)
    _register(session, 2, django_capture_on_commit_callbacks)  # the first to wait
    client.get(url)
    assert client.get(url)[HEADER] == "hit"

    third = _register(session, 3, django_capture_on_commit_callbacks)

    assert third.status == Registration.Status.WAITLISTED and third.arrival_position == 2
    kept = client.get(url)
    assert kept[HEADER] == "hit" and "満席" in kept.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(first, reason="テスト")  # the second is promoted: a purge
    assert client.get(url)[HEADER] == "miss"


def test_a_class_edited_by_the_desk_is_not_served_from_the_old_page(client):
    session = ClassSessionFactory(capacity=3)
    url = reverse("outreach:class-detail", args=[session.pk])
    client.get(url)
    session.capacity = 8
    session.save()
    response = client.get(url)
    assert response[HEADER] == "miss" and "残り8席" in response.content.decode()


@pytest.mark.parametrize("page", ["list", "detail"])
def test_a_cached_page_carries_nothing_of_one_visitor(client, page):
    session = ClassSessionFactory()
    url = (
        reverse("outreach:class-list")
        if page == "list"
        else reverse("outreach:class-detail", args=[session.pk])
    )
    client.get(url)
    response = client.get(url)
    assert response[HEADER] == "hit"
    assert "Set-Cookie" not in response and not response.cookies
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body and "csrftoken" not in body
    # The register button is a plain link to the form, which makes its own token.
    if page == "detail":
        assert f'href="{reverse("outreach:class-register", args=[session.pk])}"' in body


def test_a_visitor_with_a_session_is_neither_served_nor_stored(client, django_user_model):
    url = reverse("outreach:class-list")
    client.get(url)
    client.force_login(django_user_model.objects.create_user(email="s@example.jp", password="x"))
    response = client.get(url)
    assert HEADER not in response


def test_each_filter_and_page_is_its_own_entry_and_only_real_ones_are_kept(client):
    for _ in range(25):
        ClassSessionFactory()
    url = reverse("outreach:class-list")
    assert client.get(url, {"page": "2"})[HEADER] == "miss"
    second = client.get(url, {"page": "2"})
    assert second[HEADER] == "hit" and "2 / 2" in second.content.decode()
    assert "1 / 2" in client.get(url).content.decode()
    # A mistyped page or date is answered but not stored; an unknown parameter skips the cache.
    for query in ({"page": "abc"}, {"date_from": "あした"}, {"utm": "x"}):
        client.get(url, query)
        assert HEADER not in client.get(url, query)


def test_languages_are_cached_apart(client):
    ClassSessionFactory(capacity=4)
    ja = client.get(reverse("outreach:class-list"))
    en = client.get("/en" + reverse("outreach:class-list"))
    assert en[HEADER] == "miss"
    assert "残り4席" in ja.content.decode() and "残り4席" not in en.content.decode()


@pytest.mark.parametrize("page", ["list", "detail"])
def test_a_cached_hit_makes_no_query_whatever_the_data(client, django_assert_max_num_queries, page):
    session = ClassSessionFactory()
    url = (
        reverse("outreach:class-list")
        if page == "list"
        else reverse("outreach:class-detail", args=[session.pk])
    )
    for size in (1, 30):
        for _ in range(size):
            ClassSessionFactory()
        client.get(url)
        with django_assert_max_num_queries(0):
            assert client.get(url)[HEADER] == "hit"


def test_without_a_shared_cache_the_class_pages_are_not_cached(client, settings):
    """config/settings.py lists the class pages only with Redis: a per-process cache in
    another worker would keep the old seats left after a registration."""
    settings.PUBLIC_PAGE_CACHE = [
        rule for rule in settings.PUBLIC_PAGE_CACHE if rule not in settings.CLASS_PAGE_CACHE
    ]
    session = ClassSessionFactory()
    for url in (
        reverse("outreach:class-list"),
        reverse("outreach:class-detail", args=[session.pk]),
    ):
        client.get(url)
        assert HEADER not in client.get(url)
