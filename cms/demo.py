"""Demo pages: the residents' home page, the accessibility policy and the privacy notice,
in Japanese with English translations."""

import datetime as dt
import json

from django.conf import settings
from wagtail.models import Locale, Page, Site

from cms.demo_content import ARTICLES, ASK_TEXT, HOME_EASY, INDEX
from cms.models import HelpArticlePage, HelpIndexPage, HomePage, StandardPage
from outreach.queries import class_topics

ACCESSIBILITY_JA = """
<h2>対象</h2>
<p>このウェブサイト「つなぐ」のすべてのページ（教室の案内、申込、講師用のページ、使い方の説明）を対象とします。</p>
<h2>目標とする水準</h2>
<p>日本産業規格 JIS X 8341-3:2016 の適合レベル AA に準拠することを目標とします。あわせて WCAG 2.2 の AA を満たすようにしています。</p>
<h2>確認の方法</h2>
<ul>
<li>ページを変更するたびに、自動検査ツール（axe-core）で問題がないかを確かめています。</li>
<li>キーボードだけで操作できること、文字を大きくしても読めること、読み上げソフトで読めることを確かめています。</li>
<li>文字の大きさは18ピクセル以上、押すところは48ピクセル以上にしています。</li>
</ul>
<h2>お気づきの点</h2>
<p>読みにくいところ、使いにくいところがあれば、電話窓口までお知らせください。</p>
"""

ACCESSIBILITY_EN = """
<h2>Scope</h2>
<p>Every page of this website, Tsunagu: class listings, registration, trainers' pages and help guides.</p>
<h2>Target</h2>
<p>We aim to conform to Japanese Industrial Standard JIS X 8341-3:2016 at level AA, and to WCAG 2.2 level AA.</p>
<h2>How pages are tested</h2>
<ul>
<li>Every change is checked with the automated tool axe-core.</li>
<li>We check that pages work with a keyboard alone, with enlarged text and with a screen reader.</li>
<li>Body text is at least 18 pixels and everything you tap is at least 48 pixels.</li>
</ul>
<h2>Tell us</h2>
<p>If something is hard to read or use, please call the desk.</p>
"""

PRIVACY_JA = """
<h2>お預かりする情報</h2>
<p>教室のお申し込みのときに、お名前、ふりがな、電話番号、お住まいの地区、年代、使うことば、連絡の方法をお預かりします。</p>
<h2>使う目的</h2>
<ul>
<li>教室の受付と、ご案内・リマインダー（SMS または自動音声の電話）のため。</li>
<li>教室の当日に、講師が出欠を確認するため（講師には電話番号の一部だけが表示されます）。</li>
<li>個人が分からない形に集計して、市の事業の振り返りに使うため。</li>
</ul>
<p>ほかの目的には使いません。法令に基づく場合を除き、第三者に渡しません。</p>
<h2>保存する期間</h2>
<p>最後に参加した教室の年度の翌年度末まで保存し、その後に消去します。集計した数字は、個人が分からない形で保存します。</p>
<h2>取り消し・停止</h2>
<p>申し込みはいつでも取り消せます。SMSは「STOP」と返信すると届かなくなります。情報の確認や消去のご希望は、電話窓口までご連絡ください。</p>
"""

PRIVACY_EN = """
<h2>What we keep</h2>
<p>When you register for a class we keep your name, its reading in kana, your phone number, your district, your age band, your language and how you want to be contacted.</p>
<h2>Why</h2>
<ul>
<li>To take your registration and send notices and reminders (SMS or an automated voice call).</li>
<li>So the trainer can take attendance on the day (trainers see only part of your phone number).</li>
<li>To count, without naming anyone, how the city's programme is doing.</li>
</ul>
<p>We use it for nothing else and give it to no one else, except where the law requires.</p>
<h2>How long</h2>
<p>Until the end of the fiscal year after the one of the last class you came to; then it is deleted. Counts are kept without names.</p>
<h2>Cancelling and stopping</h2>
<p>You can cancel a registration at any time. Reply STOP to an SMS to receive no more. To see or delete your data, call the desk.</p>
"""


def _home(ctx, locale_ja) -> HomePage:
    home = HomePage.objects.filter(locale=locale_ja).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a "Welcome to Wagtail" page; the city's home replaces it.
    for welcome in root.get_children().exact_type(Page):
        if welcome.slug == "home":
            Site.objects.filter(root_page=welcome).delete()
            welcome.delete()
    home = root.add_child(
        instance=HomePage(
            title="スマホ教室と使い方の相談",
            slug="home",
            locale=locale_ja,
            lead="スマートフォンの使い方を、近くの会場でやさしく教えます。参加は無料です。",
            phone_note="電話でも申し込めます。係の者が受け付けます。",
        )
    )
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tsunagu"
        )
    else:
        site.root_page = home
        site.save(update_fields=["root_page"])
    ctx.count("pages", True)
    return home


def _child(ctx, parent, slug, title, intro, body) -> StandardPage:
    page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=StandardPage(
                title=title, slug=slug, intro=intro, body=body, last_reviewed=dt.date(2026, 11, 1)
            )
        )
        page.save_revision().publish()
        ctx.count("pages", True)
    return page


def _translate(ctx, page, locale, **fields):
    """An English copy, made as wagtail-localize would, then written in English."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    copy = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    ctx.count("pages", True)
    return copy


def seed(ctx) -> None:
    locale_ja = Locale.objects.get_or_create(language_code="ja")[0]
    locale_en = Locale.objects.get_or_create(language_code="en")[0]
    home = _home(ctx, locale_ja)
    accessibility = _child(
        ctx,
        home,
        "accessibility",
        "ウェブアクセシビリティ方針",
        "だれでも使えるウェブサイトを目指しています。",
        ACCESSIBILITY_JA,
    )
    privacy = _child(
        ctx,
        home,
        "privacy",
        "個人情報の取り扱い",
        "お預かりする情報と、その使い方をお知らせします。",
        PRIVACY_JA,
    )
    _translate(
        ctx,
        home,
        locale_en,
        title="Smartphone classes and help",
        lead="Free classes near your home that teach you to use a smartphone, step by step.",
        phone_note="You can also register by phone; a member of staff will help you.",
    )
    _translate(
        ctx,
        accessibility,
        locale_en,
        title="Web accessibility policy",
        intro="We want this website to work for everyone.",
        body=ACCESSIBILITY_EN,
    )
    _translate(
        ctx,
        privacy,
        locale_en,
        title="Privacy notice",
        intro="What personal data we keep and how we use it.",
        body=PRIVACY_EN,
    )
    seed_help(ctx, home)
    ctx.say(f"  pages: {ctx.created.get('pages', 0)} new")


def _paragraph(text: str) -> str:
    return text if text.startswith("<") else f"<p>{text}</p>"


def body_json(blocks, language: str) -> str:
    """The article's blocks as StreamField JSON (steps as plain sentences, no pictures yet)."""
    stream = []
    for kind, value in blocks:
        if kind == "steps":
            value = [
                {"text": _paragraph(text), "image": None, "alt": "", "caption": ""}
                for text in value
            ]
        elif kind in ("paragraph", "tip"):
            value = _paragraph(value)
        elif kind == "warning":
            value = {"title": value[0], "text": _paragraph(value[1])}
        elif kind == "ask_for_help":
            value = {"text": ASK_TEXT[language], "show_classes": True}
        stream.append({"type": kind, "value": value})
    return json.dumps(stream, ensure_ascii=False)


def seed_help(ctx, home) -> None:
    """The help index and the articles in Japanese, easy Japanese and (some) English."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }
    _translate(ctx, home, locales["ja-x-easy"], **HOME_EASY)
    index = HelpIndexPage.objects.child_of(home).filter(slug="help").first()
    if index is None:
        title, intro = INDEX["ja"]
        index = home.add_child(instance=HelpIndexPage(title=title, slug="help", intro=intro))
        index.save_revision().publish()
        ctx.count("pages", True)
    for language in ("ja-x-easy", "en"):
        title, intro = INDEX[language]
        _translate(ctx, index, locales[language], title=title, intro=intro)
    known_topics = set(class_topics().values_list("slug", flat=True))
    for slug, topic, level, phones, versions in ARTICLES:
        if topic not in known_topics:
            # Articles belong to a class topic; outreach's seed makes them first.
            continue
        article = HelpArticlePage.objects.child_of(index).filter(slug=slug).first()
        title, summary, blocks = versions["ja"]
        if article is None:
            article = index.add_child(
                instance=HelpArticlePage(
                    title=title,
                    slug=slug,
                    summary=summary,
                    topic_slug=topic,
                    level=level,
                    for_iphone="iphone" in phones,
                    for_android="android" in phones,
                    for_easy_phone="easy" in phones,
                    body=body_json(blocks, "ja"),
                )
            )
            article.save_revision().publish()
            ctx.count("pages", True)
        for language, (title, summary, blocks) in versions.items():
            if language == "ja":
                continue
            _translate(
                ctx,
                article,
                locales[language],
                title=title,
                summary=summary,
                body=body_json(blocks, language),
            )
    ctx.say(f"  help articles: {len(ARTICLES)} in Japanese and easy Japanese")
