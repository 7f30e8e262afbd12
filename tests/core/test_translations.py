"""Japanese first; English complete; every other language complete for residents.

The English catalogue holds every visible string. The easy-Japanese, Chinese,
Korean, Vietnamese and Portuguese catalogues hold every string a resident sees
(scripts/catalogues.py decides which, by where a string is written), with the
msgid's placeholders and markup, none fuzzy, compiled as committed.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from scripts import catalogues
from scripts.catalogues import ENGLISH, RESIDENT_LANGUAGES, TRANSLATED, catalogue_path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = catalogue_path(ENGLISH)
IGNORE = ["node_modules", "staticfiles", "bench", "tests", "docs", "scripts", ".venv"]
# %(name)s and %(n)d, {name}, and HTML tags: a translation keeps exactly the msgid's.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>")


def _resident_msgids() -> set[str]:
    return catalogues.resident_msgids(polib.pofile(str(CATALOGUE)))


def _placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def test_english_catalogue_has_no_missing_or_fuzzy_message():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [], "run `make messages` and translate these"
    assert fuzzy == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_the_po_file(language):
    path = catalogue_path(language)
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    source = polib.pofile(str(path))
    as_dict = {(e.msgctxt, e.msgid): e.msgstr for e in compiled}
    for entry in source.translated_entries():
        if not entry.msgid_plural:
            assert as_dict.get((entry.msgctxt, entry.msgid)) == entry.msgstr, "run `make messages`"


def test_every_language_of_the_site_has_a_catalogue_in_the_directory_django_reads():
    assert set(TRANSLATED) == {code for code, _name in settings.LANGUAGES} - {"ja"}
    # Django reads ja-x-easy from locale/ja_X-easy (django.utils.translation.to_locale).
    assert (
        catalogue_path("ja-x-easy") == ROOT / "locale" / "ja_X-easy" / "LC_MESSAGES" / "django.po"
    )
    for language in TRANSLATED:
        assert catalogue_path(language).with_suffix(".mo").exists(), language


@pytest.mark.parametrize("language", RESIDENT_LANGUAGES)
def test_every_resident_string_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(catalogue_path(language)))
    entries = {}
    for entry in catalogue:
        entries.setdefault(entry.msgid, []).append(entry)
    missing = sorted(
        msgid
        for msgid in _resident_msgids()
        if not entries.get(msgid) or not all(e.translated() for e in entries[msgid])
    )
    assert missing == [], f"add them to docs/i18n/{language}/ and run `make messages`"
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders_and_markup_of_their_msgid(language):
    wrong = []
    for entry in polib.pofile(str(catalogue_path(language))).translated_entries():
        if entry.msgid_plural:
            expected = _placeholders(entry.msgid_plural)
            forms = entry.msgstr_plural.values()
            wrong += [entry.msgid for text in forms if _placeholders(text) != expected]
        elif _placeholders(entry.msgstr) != _placeholders(entry.msgid):
            wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.parametrize("language", RESIDENT_LANGUAGES)
def test_each_languages_wording_is_for_strings_that_still_exist(language):
    """Wording left behind when a source string changed would hide that the new one is missing."""
    current = {(e.msgid, e.msgctxt) for e in polib.pofile(str(catalogue_path(language)))}
    known, conflicts = catalogues.load_wording(language)
    assert sorted(msgid for msgid, _context in set(known) - current) == []
    assert conflicts == {}


def test_resident_strings_are_found_by_where_they_are_written():
    catalogue = polib.POFile()
    for msgid, where in [
        ("新しい案内", "templates/outreach/class_list.html"),
        ("職員だけの案内", "templates/outreach/desk/home.html"),
        ("ヘルプの案内", "templates/cms/blocks/tip.html"),
    ]:
        catalogue.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=[(where, "1")]))
    found = catalogues.resident_msgids(catalogue)
    assert found == {"新しい案内", "ヘルプの案内"}
    # Forms and choice lists are read from their class: an age band is in, a desk field is out.
    residents = _resident_msgids()
    assert {"80歳以上", "お住まいの地区", "電話番号を入力してください。"} <= residents
    assert "移動先の教室" not in residents and "毎週くり返す回数" not in residents


def test_a_renamed_resident_class_is_reported_not_silently_dropped(monkeypatch):
    monkeypatch.setattr(
        catalogues, "RESIDENT_SOURCES", ("outreach/forms.py::NoSuchRegistrationForm",)
    )
    with pytest.raises(LookupError, match="NoSuchRegistrationForm"):
        catalogues.resident_msgids(polib.POFile())


@pytest.mark.skipif(
    not shutil.which("xgettext") and os.environ.get("CI") != "true",
    reason="needs gettext's xgettext (apt-get install gettext); CI installs it",
)
def test_catalogue_holds_every_string_in_the_source(tmp_path):
    """makemessages on a copy of the tree finds nothing the catalogue lacks."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(*IGNORE, ".git", "*.sqlite3*", "media")
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
    }
    args = [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"]
    # The committed catalogue's references must be current too: they decide which
    # strings residents see (scripts/catalogues.py).
    for name in IGNORE:
        args.append(f"--ignore={name}")
    result = subprocess.run(args, cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    committed = {e.msgid for e in polib.pofile(str(CATALOGUE))}
    new = sorted(e.msgid for e in fresh if e.msgid not in committed)
    assert new == [], "strings missing from the catalogue: run `make messages`"
    assert catalogues.resident_msgids(fresh) == _resident_msgids(), "run `make messages`"


def test_english_pages_read_in_english(client, site_pages):
    response = client.get("/en/")
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Find a smartphone class" in body
    assert "Skip to main content" in body
    with translation.override("en"):
        from core.roles import Role

        assert str(Role.TRAINER.label) == "Trainer"


def test_japanese_is_the_default(client, site_pages):
    body = client.get("/").content.decode()
    assert '<html lang="ja">' in body
    assert "スマホ教室をさがす" in body
