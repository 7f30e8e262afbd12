"""A class's topic in the resident's own language: pages, texts and calls."""

import io

import pytest
from django.conf import settings
from django.utils import translation

from core.demo import SeedContext
from outreach.demo import DEMO_TOPICS, seed_topics
from outreach.demo_topic_texts import topic_translations
from outreach.models import Topic
from tests.factories import ClassSessionFactory, TopicFactory

pytestmark = pytest.mark.django_db
VIETNAMESE = {
    "vi": {
        "title": "Gọi điện và máy ảnh",
        "summary": "Luyện tập cách gọi điện, cách chụp và xem ảnh.",
        "what_to_bring": "Điện thoại của bạn, bút",
    }
}


def _topic(**kwargs):
    return TopicFactory(
        title="電話とカメラ",
        title_en="Calls and the camera",
        summary="電話のかけ方を練習します。",
        summary_en="Making calls.",
        translations=VIETNAMESE,
        **kwargs,
    )


def test_a_text_falls_back_to_english_then_japanese():
    topic = _topic()
    assert topic.text_in("title", "vi") == "Gọi điện và máy ảnh"
    assert topic.text_in("title", "ko") == "Calls and the camera"  # no Korean yet
    assert topic.text_in("title", "ja-x-easy") == "電話とカメラ"  # easy Japanese reads Japanese
    assert topic.text_in("title", "ja") == "電話とカメラ"
    topic.title_en = ""
    assert topic.text_in("title", "ko") == "電話とカメラ"
    with translation.override("vi"):
        assert topic.display_summary == VIETNAMESE["vi"]["summary"]


def test_the_vietnamese_pages_name_the_class_in_vietnamese(client):
    session = ClassSessionFactory(topic=_topic())
    finder = client.get("/vi/classes/").content.decode()
    assert "Gọi điện và máy ảnh" in finder and "Calls and the camera" not in finder
    page = client.get(f"/vi/classes/{session.pk}/").content.decode()
    for text in VIETNAMESE["vi"].values():
        assert text in page
    assert "Making calls." not in page
    english = client.get(f"/en/classes/{session.pk}/").content.decode()
    assert "Calls and the camera" in english and "Gọi điện" not in english


def test_every_demo_topic_has_its_texts_in_every_other_resident_language():
    others = [code for code, _name in settings.LANGUAGES if code not in ("ja", "en")]
    for slug, *_rest in DEMO_TOPICS:
        texts = topic_translations(slug)
        assert sorted(texts) == sorted(others), slug
        for language in others:
            assert all(texts[language].values()), (slug, language)


def test_seeding_again_gives_demo_topics_seeded_before_their_other_languages():
    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    seed_topics(ctx)
    Topic.objects.filter(slug="basics").update(translations={})
    edited = Topic.objects.get(slug="line")
    edited.translations = {"vi": {"title": "LINE của thành phố"}}
    edited.save()

    seed_topics(ctx)

    assert Topic.objects.get(slug="basics").translations == topic_translations("basics")
    # A coordinator's own wording is never written over.
    assert Topic.objects.get(slug="line").translations == {"vi": {"title": "LINE của thành phố"}}


def test_a_chinese_title_is_not_marked_as_japanese(client):
    """Chinese shares the ideographs of Japanese: the data, not the script, says which."""
    topic = _topic()
    topic.translations = {"zh-hans": {"title": "电话和相机"}}
    topic.save()
    session = ClassSessionFactory(topic=topic, title="")
    page = client.get(f"/zh-hans/classes/{session.pk}/").content.decode()
    assert "<h1>电话和相机</h1>" in page
    japanese_topic = ClassSessionFactory(topic__title="電話", topic__title_en="")
    other = client.get(f"/zh-hans/classes/{japanese_topic.pk}/").content.decode()
    assert '<h1><span lang="ja">電話</span></h1>' in other
