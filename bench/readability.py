"""jReadability of every demo help article: the easy version beside its standard one.

    .venv/bin/python bench/readability.py

Prints, for each article, the score (higher is easier, 0.5–6.5) and band of the
Japanese page and of its easy-Japanese page, and whether the easy page meets the
target: 4.5 (初級後半) or more, and easier than the standard page. Reads the demo
text (cms/demo_content/) as the pages store it; needs no database. Exits 1 when
an easy page misses the target.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from cms import readability  # noqa: E402
from cms.demo import reading_levels  # noqa: E402


def main() -> int:
    missed = 0
    print(f"{'article':24} {'standard':>16} {'easy':>16}  target")
    for slug, standard, easy in reading_levels():
        ok = easy is not None and easy >= readability.EASY_TARGET and easy > (standard or 0)
        missed += not ok
        print(
            f"{slug:24} {standard:5.2f} {readability.band(standard)!s:>10} "
            f"{easy:5.2f} {readability.band(easy)!s:>10}  {'ok' if ok else 'MISSED'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
