"""The demo help content as written: shapes wagtail-localize can pair, pictures, conventions."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from cms.demo_content import ARTICLES
from cms.demo_pictures import PICTURES_DIR
from cms.templatetags.japanese_quotes import mark_japanese, mark_quoted_japanese

TRANSLATED = ["en", "zh-hans", "ko", "vi", "pt-br"]
JAPANESE_SCRIPT = re.compile(r"[\u3040-\u30ff]")  # kana: never in Chinese, Korean…


def _shape(blocks):
    """What wagtail-localize pairs one for one: blocks, steps with their pictures, list items."""
    shape = []
    for kind, value in blocks:
        if kind == "steps":
            shape.append((kind, [step[1] if isinstance(step, tuple) else None for step in value]))
        elif kind == "paragraph":
            shape.append((kind, value.count("<li>"), value.count("<p>")))
        else:
            shape.append((kind,))
    return shape


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.slug)
def test_every_version_has_the_japanese_blocks_steps_and_pictures(article):
    japanese = _shape(article.versions["ja"][2])
    for code, (_title, _summary, blocks) in article.versions.items():
        assert _shape(blocks) == japanese, code


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.slug)
def test_every_picture_has_alt_text_written_in_each_language(article):
    alts = {
        code: [
            step[2]
            for kind, value in blocks
            if kind == "steps"
            for step in value
            if isinstance(step, tuple)
        ]
        for code, (_title, _summary, blocks) in article.versions.items()
    }
    assert alts["ja"] and all(alt.strip() for texts in alts.values() for alt in texts)
    for code in TRANSLATED:
        for alt, japanese in zip(alts[code], alts["ja"], strict=True):
            assert alt != japanese
            # Japanese in an alt is only a quoted name, never the sentence.
            assert len(JAPANESE_SCRIPT.findall(alt)) < len(alt) / 3, (code, alt)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.slug)
def test_titles_and_summaries_of_translations_quote_no_japanese(article):
    """The listing shows them unmarked, so they carry no 「」 for a screen reader to misread."""
    for code in TRANSLATED:
        title, summary, _blocks = article.versions[code]
        assert "「" not in title + summary and not JAPANESE_SCRIPT.search(title + summary), code


def test_every_picture_is_used_and_every_picture_used_exists():
    used = set().union(*(article.pictures() for article in ARTICLES))
    assert used == {path.stem for path in PICTURES_DIR.glob("*.svg")}


@pytest.mark.parametrize("path", sorted(PICTURES_DIR.glob("*.svg")), ids=lambda path: path.stem)
def test_every_picture_is_a_small_svg_with_its_size_and_a_title(path):
    data = path.read_bytes()
    assert len(data) <= 2048
    root = ET.fromstring(data)  # noqa: S314 - the project's own files
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert int(root.get("width")) <= 360 and int(root.get("height")) > 0
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.find("{http://www.w3.org/2000/svg}title").text.strip()
    assert b"<script" not in data and b'href="http' not in data


def test_quoted_japanese_is_marked_in_text_and_never_inside_a_tag():
    marked = mark_quoted_japanese('<a title="「設定」">Tap 「設定」, then 「戻る」</a>')
    assert marked == (
        '<a title="「設定」">Tap <span lang="ja">「設定」</span>, '
        'then <span lang="ja">「戻る」</span></a>'
    )
    assert mark_quoted_japanese("Names in 「」 are Japanese") == "Names in 「」 are Japanese"


def test_the_filter_escapes_plain_text_and_leaves_japanese_pages_alone():
    with translation.override("en"):
        assert (
            mark_japanese("<b>「設定」</b>") == '&lt;b&gt;<span lang="ja">「設定」</span>&lt;/b&gt;'
        )
    with translation.override("ja"):
        assert mark_japanese("「設定」を押します") == "「設定」を押します"
    with translation.override("ja-x-easy"):
        assert mark_japanese("「設定」を おします") == "「設定」を おします"
