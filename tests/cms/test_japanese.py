"""Furigana, search tokens and the easy-Japanese check, without a database."""

import re

from cms import easy_japanese, japanese
from tests.cms.furigana import ruby

HIDDEN_FROM_SCREEN_READERS = re.compile(r'<(\w+) aria-hidden="true">.*?</\1>')
TAG = re.compile(r"<[^>]+>")


def test_furigana_puts_readings_over_kanji_only():
    html = japanese.furigana_text("文字を大きくする")
    assert ruby("文字", "もじ") in html
    # Okurigana stay outside the ruby: 大(おお)きく, not 大きく(おおきく).
    assert f"{ruby('大', 'おお')}きく" in html


def test_a_screen_reader_hears_the_words_once_without_their_readings():
    """A link named "この 教室 きょうしつ に もうしこむ" says 教室 twice: the reading is
    drawn for the eye and hidden from assistive technology, brackets included."""
    html = japanese.furigana_text("この 教室に もうしこむ")
    assert "きょうしつ" in html
    spoken = TAG.sub("", HIDDEN_FROM_SCREEN_READERS.sub("", html))
    assert spoken == "この 教室に もうしこむ"


def test_furigana_leaves_tags_attributes_and_existing_ruby_alone():
    html = japanese.furigana_html(
        '<p><a href="/漢字/">写真</a> <ruby>東京<rt>とうきょう</rt></ruby> &amp; 送る</p>'
    )
    assert 'href="/漢字/"' in html
    assert ruby("写真", "しゃしん") in html
    assert "<ruby>東京<rt>とうきょう</rt></ruby>" in html
    assert "&amp;" in html


def test_furigana_leaves_other_languages_and_lists_alone():
    """A whole page goes through it: the switcher names Chinese in Chinese (no Japanese
    reading over 简体中文), and an option or a text box cannot hold ruby."""
    html = japanese.furigana_html(
        '<p>設定 <a lang="zh-hans">简体<span>中文</span>字</a> 写真'
        '<select><option>藤野</option></select><br><span lang="ja">写真</span></p>'
    )
    assert '<a lang="zh-hans">简体<span>中文</span>字</a>' in html
    assert "<option>藤野</option>" in html
    assert html.count("<ruby>") == 3  # 設定, and 写真 twice: the skip ended with its element


def test_furigana_escapes_plain_text():
    assert "&lt;script&gt;" in japanese.furigana_text("<script>漢字</script>")


def test_search_tokens_hold_short_and_long_words_and_readings():
    tokens = japanese.search_tokens("マイナンバーカードで申請します。詐欺に注意。").split()
    for word in ("マイナンバー", "カード", "マイナンバーカード", "申請", "詐欺", "サギ"):
        assert word in tokens
    assert "で" not in tokens  # particles are not search terms


def test_query_terms_offer_the_reading_as_an_alternative():
    assert japanese.query_terms("詐欺") == [("詐欺", "サギ")]
    assert japanese.query_terms("マイナンバーカード") == [("マイナンバー",), ("カード",)]


def test_tateishi_scores_easy_text_higher_than_official_text():
    easy = "スマホの 字を 大きく します。「設定」を おします。"
    official = "本人確認書類の提出に際しては、申請者本人の署名又は記名押印が必要となります。"
    assert easy_japanese.tateishi(easy) > easy_japanese.tateishi(official)


def test_easy_check_flags_keigo_double_negatives_and_plain_endings():
    report = easy_japanese.check(
        "窓口でご確認いただけます。申請しなければなりません。書類を出す。", easy=True
    )
    kinds = {advice.kind for advice in report.advice}
    assert {"keigo", "double_negative", "ending", "vocabulary"} <= kinds


def test_easy_check_is_quiet_on_good_easy_japanese():
    report = easy_japanese.check("写真を とります。ボタンを おします。", easy=True)
    assert report.advice == []
    assert report.score is not None and report.score > 60


def test_easy_check_flags_long_sentences_and_missing_alt_text():
    long_sentence = "この" + "とてもながい" * 10 + "文です。"
    report = easy_japanese.check(long_sentence, easy=True, missing_alt=2)
    kinds = [advice.kind for advice in report.advice]
    assert "long" in kinds and "alt" in kinds
