"""Open data: upcoming classes as 「イベント一覧」 and the yearly figures, public and cached."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from metrics.opendata import EVENT_COLUMNS, FIGURES_COLUMNS, split_address
from outreach.models import ClassSession
from tests.factories import ClassSessionFactory, RegistrationFactory, VenueFactory

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[dict]:
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def upcoming(db):
    venue = VenueFactory(
        name="藤野公民館",
        address="相模原市緑区小渕2000",
        latitude="35.614600",
        longitude="139.143800",
    )
    published = ClassSessionFactory(venue=venue, capacity=2)
    RegistrationFactory(session=published)
    ClassSessionFactory(venue=venue, status=ClassSession.Status.DRAFT)
    ClassSessionFactory(venue=venue, starts_at=timezone.now() - dt.timedelta(days=1))
    return published


def test_upcoming_published_classes_are_listed_in_the_standard_layout(client, upcoming, settings):
    settings.LOCAL_GOVERNMENT_CODE = "141500"
    response = client.get("/opendata/events.csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == EVENT_COLUMNS
    rows = rows_of(response)
    assert len(rows) == 1
    row = rows[0]
    start = timezone.localtime(upcoming.starts_at)
    assert row["全国地方公共団体コード"] == "141500"
    assert row["所在地_全国地方公共団体コード"] == "141500"
    assert row["地方公共団体名"] == "神奈川県相模原市"
    assert row["開始日"] == start.date().isoformat()
    assert row["開始時間"] == start.strftime("%H:%M")
    assert row["場所名称"] == "藤野公民館"
    assert row["所在地_連結表記"] == "神奈川県相模原市緑区小渕2000"
    assert (row["所在地_市区町村"], row["所在地_町字"], row["所在地_番地以下"]) == (
        "相模原市緑区",
        "小渕",
        "2000",
    )
    assert row["緯度"] == "35.614600" and row["定員"] == "2"
    assert row["URL"].endswith(f"/classes/{upcoming.pk}/")
    assert row["ID"] == f"TSUNAGU-{upcoming.pk:08d}"


def test_open_data_needs_no_sign_in_sets_no_cookie_and_may_be_cached(client, upcoming):
    for url in ("/opendata/events.csv", "/opendata/figures.csv"):
        response = client.get(url)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]
        assert not response.cookies
        assert response["X-License"] == "CC BY 4.0"


def test_the_event_list_is_served_from_the_cache_until_a_class_changes(
    client, upcoming, django_assert_num_queries
):
    first = client.get("/opendata/events.csv").content
    with django_assert_num_queries(1):  # the version check; the file comes from the cache
        assert client.get("/opendata/events.csv").content == first
    upcoming.capacity = 9
    upcoming.save(update_fields=["capacity", "updated_at"])
    rows = rows_of(client.get("/opendata/events.csv"))
    assert rows[0]["定員"] == "9"


def test_the_yearly_figures_are_open_data_with_small_counts_suppressed(client, world):
    response = client.get("/opendata/figures.csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == FIGURES_COLUMNS
    rows = rows_of(response)
    year = [row for row in rows if row["年度"] == str(world.year.start_year)]
    measures = {row["区分"]: row["値"] for row in year if row["集計"] == "指標"}
    assert measures["開いた教室の数"] == "2"  # classes are not people: shown
    assert measures["参加した人（実人数）"] == "*"  # 4 people: below 5
    fujino = next(row for row in year if row["区分"] == "藤野")
    assert fujino["値"] == "*"
    assert {row["全国地方公共団体コード"] for row in rows} == {"141500"}


def test_the_footer_links_to_the_open_data_with_its_licence(client, site_pages):
    body = client.get("/").content.decode()
    assert "/opendata/events.csv" in body and "/opendata/figures.csv" in body
    assert "CC BY 4.0" in body


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("相模原市中央区富士見6-6-23", ("相模原市中央区", "富士見", "6-6-23")),
        ("神奈川県相模原市緑区与瀬896", ("相模原市緑区", "与瀬", "896")),
        ("愛川町中津1", ("愛川町", "中津", "1")),
    ],
)
def test_a_venue_address_is_split_into_the_standards_parts(address, expected):
    full, prefecture, *parts = split_address(address, "神奈川県")
    assert prefecture == "神奈川県" and tuple(parts) == expected
    assert full.startswith("神奈川県") and full.endswith(expected[2])


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("141500", True),  # 相模原市
        ("011002", True),  # 札幌市
        ("131016", True),  # 千代田区
        ("141501", False),  # wrong check digit
        ("14150", False),
        ("１４１５００", False),  # full-width digits
    ],
)
def test_the_local_government_code_is_checked_by_its_check_digit(code, valid):
    from config.env import local_government_code_is_valid

    assert local_government_code_is_valid(code) is valid
