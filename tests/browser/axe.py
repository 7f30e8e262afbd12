"""Run axe-core (vendored: tests/browser/vendor/axe.min.js, MPL-2.0) in a Playwright page.

No network: the file is injected as a script tag's text.
"""

from functools import cache
from pathlib import Path

AXE_FILE = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what JIS X 8341-3:2016 AA asks and more.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def _axe_source() -> str:
    return AXE_FILE.read_text(encoding="utf-8")


def axe_violations(page, *, tags: list[str] | None = None) -> list[dict]:
    """Every axe violation on the page as {id, impact, help, targets}; [] when clean."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        tags or WCAG_AA_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]
