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
    # Keyed by (context, msgid): one Japanese word may need two English ones (件 of
    # registrations, 件 of messages), told apart by pgettext's context.
    known: dict[tuple[str, str], str] = {}
    known_plural: dict[str, dict[int, str]] = {}
    for notes in sorted((ROOT / "docs" / "i18n").glob("*.po")):
        for entry in polib.pofile(str(notes)):
            if entry.msgid_plural and all(entry.msgstr_plural.values()):
                known_plural.setdefault(entry.msgid, dict(entry.msgstr_plural))
            elif entry.msgstr:
                known.setdefault((entry.msgctxt or "", entry.msgid), entry.msgstr)
    catalogue = polib.pofile(str(CATALOGUE))
    filled = 0
    for entry in catalogue:
        if entry.translated() and "fuzzy" not in entry.flags:
            continue
        if entry.msgid_plural and entry.msgid in known_plural:
            entry.msgstr_plural = dict(known_plural[entry.msgid])
        elif not entry.msgid_plural and (entry.msgctxt or "", entry.msgid) in known:
            entry.msgstr = known[(entry.msgctxt or "", entry.msgid)]
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    catalogue.save()
    catalogue.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    missing = [e.msgid for e in catalogue if not e.translated() or "fuzzy" in e.flags]
    print(f"filled {filled}; still missing {len(missing)}")
    for msgid in missing:
        print(f"  missing: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
