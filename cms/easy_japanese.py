"""The easy-Japanese check editors see while writing (やさしい日本語チェック).

Readability is measured the Japanese way, with the Tateishi formula (建石由佳ほか
1988, 「日本文の読みやすさの評価式」), which needs no dictionary: it looks at the
length of sentences and of runs of kanji, hiragana, katakana and roman letters.
About 50 is ordinary newspaper text; higher is easier. The advice follows the
guidelines cities use for やさしい日本語 (出入国在留管理庁・文化庁「在留支援のため
のやさしい日本語ガイドライン」): short sentences, few kanji, です/ます, no
honorific 尊敬語・謙譲語, no double negatives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cms import japanese, readability

# 小学校1・2年で習う漢字 (240): words written only with these are basic vocabulary.
BASIC_KANJI = set(
    "一右雨円王音下火花貝学気九休玉金空月犬見五口校左三山子四糸字耳七車手十出女小上森人水正生青"
    "夕石赤千川先早草足村大男竹中虫町天田土二日入年白八百文木本名目立力林六"
    "引羽雲園遠何科夏家歌画回会海絵外角楽活間丸岩顔汽記帰弓牛魚京強教近兄形計元言原戸古午後語"
    "工公広交光考行高黄合谷国黒今才細作算止市矢姉思紙寺自時室社弱首秋週春書少場色食心新親図数"
    "西声星晴切雪船線前組走多太体台地池知茶昼長鳥朝直通弟店点電刀冬当東答頭同道読内南肉馬売買"
    "麦半番父風分聞米歩母方北毎妹万明鳴毛門夜野友用曜来里理話"
)
# Words a smartphone class teaches on day one: basic here even with harder kanji.
BASIC_WORDS = {
    "画面",
    "写真",
    "電話",
    "番号",
    "押す",
    "申請",
    "設定",
    "文字",
    "動画",
    "送信",
    "受信",
    "電源",
    "充電",
    "場所",
    "地図",
    "詐欺",
    "注意",
    "相談",
    "窓口",
    "市役所",
    "教室",
    "確認",
    "必要",
    "暗証",
    "登録",
    "家族",
    "操作",
    "検索",
    "保険",
    "保険証",
    "支払う",
    "支払い",
    "現金",
    "店",
}
MAX_SENTENCE_CHARS = 40  # the guidelines: one sentence, one idea, about 30–40 characters
MAX_KANJI_SHARE = 0.30  # easy-Japanese texts keep kanji to under about a third

# 尊敬語・謙譲語 and other honorific forms easy Japanese replaces with plain です/ます.
KEIGO_RE = re.compile(
    r"(いらっしゃ|おっしゃ|召し上が|めしあが|申し上げ|もうしあげ|存じ|ぞんじ|伺[いうえっ]|うかが[いうえっ]"
    r"|いただ[きくけこ]|頂[きくけこ]|差し上げ|さしあげ|拝見|拝読|なさ[いるれっ]|ご覧|ごらん"
    r"|くださいませ|参ります|まいります|致し|いたし[まて]|お[一-龥ぁ-ん]{1,6}になり|ご[一-龥]{1,4}ください)"
)
# Double negatives (二重否定) make a reader work out a yes from two noes.
DOUBLE_NEGATIVE_RE = re.compile(
    r"(ないわけではな|ないことはな|ないこともな|なくはな|なくもな|ないとは限らな|ざるを得な|ざるをえな"
    r"|なければなりません|なければならな|なくてはなりません|なくてはいけな|ないといけな)"
)
POLITE_ENDING_RE = re.compile(
    r"(です|ます|ました|ません|でした|ましょう|ください|ませんか|ですか|ますか|でしょう|ませんでした)"
    r"[ねよか]?[。！？!?」）)]*$"
)
SENTENCE_END_RE = re.compile(r"(?<=[。！？!?])")


@dataclass
class Advice:
    kind: str
    message: str
    excerpt: str = ""


@dataclass
class Report:
    characters: int = 0
    sentences: int = 0
    kanji_share: float = 0.0
    mean_sentence_chars: float = 0.0
    readability: float | None = None  # Tateishi RS
    level: float | None = None  # jReadability (cms.readability)
    advice: list[Advice] = field(default_factory=list)

    @property
    def score(self) -> int | None:
        """0–100 for the page listing: readability, minus 5 for each piece of advice."""
        if self.readability is None:
            return None
        return max(0, min(100, round(self.readability) - 5 * len(self.advice)))

    @property
    def level_name(self):
        """The jReadability band editors know from Japanese teaching: 初級前半 … 上級後半."""
        return readability.band(self.level)


def sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        for piece in SENTENCE_END_RE.split(line):
            piece = piece.strip()
            if piece:
                out.append(piece)
    return out


def _runs(text: str) -> dict[str, list[int]]:
    kinds = {"kanji": [], "hiragana": [], "katakana": [], "alpha": []}
    current, length = None, 0
    for ch in text:
        if japanese.KANJI_RE.match(ch):
            kind = "kanji"
        elif "ぁ" <= ch <= "ゖ":
            kind = "hiragana"
        elif "ァ" <= ch <= "ヺ" or ch == "ー":
            kind = "katakana"
        elif ch.isascii() and ch.isalpha():
            kind = "alpha"
        else:
            kind = None
        if kind == current:
            length += 1
            continue
        if current:
            kinds[current].append(length)
        current, length = kind, 1
    if current:
        kinds[current].append(length)
    return kinds


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def tateishi(text: str) -> float | None:
    """建石式 RS = −0.12 ls − 1.37 la + 7.4 lh − 23.18 lc − 5.4 lk − 4.67 cp + 115.79.

    ls: mean sentence length in characters; la, lh, lc, lk: mean length of runs of
    roman letters, hiragana, kanji and katakana; cp: commas (、) per sentence (。).
    """
    parts = sentences(text)
    if not parts:
        return None
    runs = _runs(text)
    ls = _mean([len(s) for s in parts])
    periods = max(text.count("。") + text.count("！") + text.count("？"), 1)
    cp = text.count("、") / periods
    return (
        -0.12 * ls
        - 1.37 * _mean(runs["alpha"])
        + 7.4 * _mean(runs["hiragana"])
        - 23.18 * _mean(runs["kanji"])
        - 5.4 * _mean(runs["katakana"])
        - 4.67 * cp
        + 115.79
    )


def _is_basic(word: japanese.Word) -> bool:
    if word.normalized in BASIC_WORDS or word.surface in BASIC_WORDS:
        return True
    return all(ch in BASIC_KANJI for ch in word.surface if japanese.KANJI_RE.match(ch))


def _hard_words(text: str) -> list[str]:
    """Words with hard kanji, each named whole as a reader meets it.

    The long unit (SplitMode.C) keeps a compound together, so 役所 inside 市役所
    or 証 inside 保険証 is never flagged on its own, and a compound made only of
    basic words (電話 + 番号) is basic too.
    """
    hard = {}
    for word in japanese.words(text, japanese.SplitMode.C):
        if word.pos in japanese.FUNCTION_POS or not japanese.has_kanji(word.surface):
            continue
        if _is_basic(word):
            continue
        parts = japanese.words(word.surface)
        if len(parts) > 1 and all(_is_basic(part) for part in parts):
            continue
        hard.setdefault(word.surface, None)
    return list(hard)


def check(text: str, *, easy: bool = True, missing_alt: int = 0) -> Report:
    """Measure a text and give advice. ``easy`` adds the rules for やさしい日本語 articles."""
    report = Report()
    text = text.strip()
    report.characters = len(text)
    parts = sentences(text)
    report.sentences = len(parts)
    if parts:
        report.mean_sentence_chars = round(_mean([len(s) for s in parts]), 1)
    letters = [ch for ch in text if not ch.isspace() and ch not in "。、！？「」（）・"]
    if letters:
        report.kanji_share = round(
            sum(1 for ch in letters if japanese.KANJI_RE.match(ch)) / len(letters), 3
        )
    rs = tateishi(text)
    report.readability = round(rs, 1) if rs is not None else None
    report.level = readability.score(text)
    limit = MAX_SENTENCE_CHARS if easy else MAX_SENTENCE_CHARS + 20
    for sentence in parts:
        if len(sentence) > limit:
            report.advice.append(
                Advice(
                    "long",
                    _("文が長いです（%(n)d文字）。2つの文に分けましょう。") % {"n": len(sentence)},
                    sentence[:30],
                )
            )
    if missing_alt:
        report.advice.append(
            Advice(
                "alt",
                _("画像の説明（代替テキスト）がない手順が%(n)d個あります。") % {"n": missing_alt},
            )
        )
    if not easy:
        return report
    if report.kanji_share > MAX_KANJI_SHARE:
        report.advice.append(
            Advice(
                "kanji",
                _("漢字が多いです（%(p)d%%）。ひらがなにできる言葉は、ひらがなで書きましょう。")
                % {"p": round(report.kanji_share * 100)},
            )
        )
    hard = _hard_words(text)
    if hard:
        report.advice.append(
            Advice(
                "vocabulary",
                _("むずかしい言葉があります。やさしい言葉にするか、説明を加えましょう。"),
                "、".join(hard[:12]),
            )
        )
    for sentence in parts:
        if match := KEIGO_RE.search(sentence):
            report.advice.append(
                Advice(
                    "keigo",
                    _("尊敬語・謙譲語は使わず、「です・ます」で書きましょう（「%(w)s」）。")
                    % {"w": match.group(0)},
                    sentence[:30],
                )
            )
        if match := DOUBLE_NEGATIVE_RE.search(sentence):
            report.advice.append(
                Advice(
                    "double_negative",
                    _("二重否定です（「%(w)s」）。「〜してください」のように書きましょう。")
                    % {"w": match.group(0)},
                    sentence[:30],
                )
            )
        if not POLITE_ENDING_RE.search(sentence) and sentence.endswith(
            ("。", "！", "？", "!", "?")
        ):
            report.advice.append(
                Advice("ending", _("文の終わりを「です」「ます」にしましょう。"), sentence[-20:])
            )
    return report
