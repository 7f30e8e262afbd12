"""Fill every interface catalogue from the wording kept in docs/i18n, and compile it.

`make messages` regenerates locale/<locale>/LC_MESSAGES/django.po from the source
(makemessages --no-obsolete), then runs this. For each language it writes the
wording of docs/i18n (English: docs/i18n/<area>.po; the others:
docs/i18n/<language>/<area>.po) into the catalogue, which holds nothing else
(no fuzzy guesses, nothing typed into it by hand); writes the .mo file; and lists
what is still missing: for English every string, for the other languages the
strings residents see (scripts/catalogues.py). Exits 1 while anything is missing;
warns about a msgid written two ways in one language's wording files.
"""

from __future__ import annotations

import sys

import polib
from catalogues import (
    ENGLISH,
    PLURAL_FORMS,
    ROOT,
    TRANSLATED,
    catalogue_path,
    load_wording,
    resident_msgids,
)


def fill(code: str, required: set[str] | None) -> list[str]:
    """Fill one catalogue; return the msgids still missing (of `required`, or of all)."""
    path = catalogue_path(code)
    catalogue = polib.pofile(str(path))
    if code in PLURAL_FORMS:
        catalogue.metadata["Plural-Forms"] = PLURAL_FORMS[code]
    catalogue.metadata.update(
        {"Language": code, "Project-Id-Version": "Tsunagu", "Language-Team": "Tsunagu developers"}
    )
    known, _conflicts = load_wording(code)
    for entry in catalogue:
        # The wording files are the only source: a msgstr nobody wrote there (msgmerge's
        # fuzzy guess, or wording since removed) would hide that a string is missing.
        wording = known.get((entry.msgid, entry.msgctxt))
        if entry.msgid_plural:
            entry.msgstr_plural = (
                dict(wording.msgstr_plural)
                if wording is not None
                else dict.fromkeys(entry.msgstr_plural, "")
            )
        else:
            entry.msgstr = wording.msgstr if wording is not None else ""
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.save()
    catalogue.save_as_mofile(str(path.with_suffix(".mo")))
    return [
        entry.msgid
        for entry in catalogue
        if not entry.translated() and (required is None or entry.msgid in required)
    ]


def main() -> int:
    english = polib.pofile(str(catalogue_path(ENGLISH)))
    residents = resident_msgids(english)
    missing_anywhere = False
    for code in TRANSLATED:
        for msgid, wordings in load_wording(code)[1].items():
            print(f"{code}: warning: {msgid!r} is written {wordings}; the first is used")
        missing = fill(code, None if code == ENGLISH else residents)
        scope = "every string" if code == ENGLISH else "the strings residents see"
        print(f"{code}: {scope}; {len(missing)} missing")
        for msgid in missing:
            print(f"  missing: {msgid!r}")
        missing_anywhere = missing_anywhere or bool(missing)
    if missing_anywhere:
        print(f"Add the wording to {ROOT / 'docs' / 'i18n'} and run `make messages` again.")
    return 1 if missing_anywhere else 0


if __name__ == "__main__":
    sys.exit(main())
