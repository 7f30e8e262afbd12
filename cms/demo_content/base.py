"""The shape of a demo help article, shared by the article modules.

An article is written once per language as (title, summary, blocks). Blocks are
(type, value) pairs in the order the page shows them:

- ("heading", text), ("paragraph", html), ("tip", text or html)
- ("warning", (title, text))
- ("steps", [step, ...]) where a step is its sentence, or (sentence, picture, alt)
  with picture the name of an SVG in pictures/ and alt what the picture shows,
  in that language, for readers who cannot see it
- ASK: the "ask for help" box (its sentence is ASK_TEXT in site_pages.py)

The Japanese version is the source: English, Chinese, Korean, Vietnamese and
Portuguese are wagtail-localize translations of it, so each must have the same
blocks, steps, list items and pictures in the same order (seeding stops with the
difference named otherwise). Easy Japanese is written as a page of its own and
may say things more simply, but keeps every fact a reader's safety depends on
(tests/cms/test_demo_content.py lists them).

Conventions for the translations: what the phone shows, or a caller says, in
Japanese stays in Japanese inside 「」, followed by its meaning — a resident's
phone is usually set to Japanese, and the page marks 「…」 lang="ja" for screen
readers. Titles and summaries carry no 「」 (the listing does not mark them).
"""

from dataclasses import dataclass

ASK = ("ask_for_help", None)


@dataclass(frozen=True)
class Article:
    slug: str
    topic: str  # the class topic's slug (outreach's seed makes the topics)
    level: str  # "basic" or "applied"
    phones: tuple[str, ...]  # of "iphone", "android", "easy"
    versions: dict[str, tuple[str, str, list]]

    def pictures(self) -> set[str]:
        """The names of the pictures the Japanese version shows."""
        _title, _summary, blocks = self.versions["ja"]
        return {
            step[1]
            for kind, value in blocks
            if kind == "steps"
            for step in value
            if isinstance(step, tuple)
        }
