"""Fill the English catalogue from the translation notes in docs/i18n/*.po.

Each area keeps its English wording in docs/i18n/<area>.po (plain msgid/msgstr
pairs); this copies them into locale/en/LC_MESSAGES/django.po wherever the
catalogue has no translation yet, clears fuzzy flags it resolves, and lists
what is still missing. Run it after `make messages`.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main() -> int:
    known: dict[str, str] = {}
    for notes in sorted((ROOT / "docs" / "i18n").glob("*.po")):
        for entry in polib.pofile(str(notes)):
            if entry.msgstr:
                known.setdefault(entry.msgid, entry.msgstr)
    catalogue = polib.pofile(str(CATALOGUE))
    filled = 0
    for entry in catalogue:
        if entry.msgid in known and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = known[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    catalogue.save()
    catalogue.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    missing = [e.msgid for e in catalogue if not e.msgstr or "fuzzy" in e.flags]
    print(f"filled {filled}; still missing {len(missing)}")
    for msgid in missing:
        print(f"  missing: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
