"""StreamField blocks of a help article: what a trainer would put on a handout."""

import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

SIMPLE_TEXT = ["bold", "link", "ol", "ul"]


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("すること"), features=["bold", "link"])
    image = ImageChooserBlock(label=_("画面の写真"), required=False)
    alt = blocks.CharBlock(
        label=_("写真の説明（代替テキスト）"),
        required=False,
        max_length=200,
        help_text=_(
            "目の見えない方の読み上げに使います。例：「設定」のボタンが赤い丸で囲まれた画面"
        ),
    )
    caption = blocks.CharBlock(label=_("写真の下の説明"), required=False, max_length=200)

    class Meta:
        icon = "list-ol"
        label = _("手順")


class StepsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(StepBlock(), **kwargs)

    class Meta:
        icon = "list-ol"
        label = _("番号つきの手順")
        template = "cms/blocks/steps.html"


class WarningBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("見出し"), max_length=80, default=_("気をつけてください"))
    text = blocks.RichTextBlock(label=_("本文"), features=SIMPLE_TEXT)

    class Meta:
        icon = "warning"
        label = _("注意（サギなど）")
        template = "cms/blocks/warning.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("動画の題名"), max_length=120)
    video = DocumentChooserBlock(label=_("動画ファイル（MP4）"))
    captions = DocumentChooserBlock(
        label=_("字幕ファイル（WebVTT）"),
        help_text=_("音が聞こえない方のために、字幕は必ずつけてください。"),
    )
    transcript = blocks.TextBlock(label=_("動画の内容（文字で）"), required=False)

    class Meta:
        icon = "media"
        label = _("字幕つき動画")
        template = "cms/blocks/video.html"


class AskForHelpBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("ひとこと"),
        required=False,
        max_length=200,
        default=_("わからないときは、電話で聞いてください。教室でも教えます。"),
    )
    show_classes = blocks.BooleanBlock(
        label=_("この講座の次の教室を表示する"), required=False, default=True
    )

    class Meta:
        icon = "help"
        label = _("困ったときは（電話と次の教室）")
        template = "cms/blocks/ask_for_help.html"


class HelpBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("見出し"), max_length=80, form_classname="title", template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("文章"), features=SIMPLE_TEXT, template="cms/blocks/paragraph.html"
    )
    steps = StepsBlock()
    tip = blocks.RichTextBlock(
        label=_("ポイント"), features=SIMPLE_TEXT, icon="pick", template="cms/blocks/tip.html"
    )
    warning = WarningBlock()
    video = VideoBlock()
    ask_for_help = AskForHelpBlock()


# The end of a paragraph, list item or line: a new line of plain text, so the
# items of a list are never read as one long sentence.
_BLOCK_END_RE = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def rich_text_lines(value) -> str:
    """Rich text as plain text, one paragraph or list item a line."""
    source = str(getattr(value, "source", value) or "")
    lines = html.unescape(strip_tags(_BLOCK_END_RE.sub("\n", source))).splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())
