"""Japanese first, English complete: every visible string is in the English catalogue."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
IGNORE = ["node_modules", "staticfiles", "bench", "tests", "docs", "scripts", ".venv"]


def test_english_catalogue_has_no_missing_or_fuzzy_message():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [], "run `make messages` and translate these"
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))
    # Keyed by context too: pgettext gives one Japanese word two English ones (件).
    as_dict = {(e.msgctxt, e.msgid): e.msgstr for e in compiled}
    for entry in source.translated_entries():
        if not entry.msgid_plural:
            assert as_dict.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
                "run scripts/fill_translations.py"
            )


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
    for name in IGNORE:
        args.append(f"--ignore={name}")
    result = subprocess.run(args, cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    committed = {e.msgid for e in polib.pofile(str(CATALOGUE))}
    new = sorted(e.msgid for e in fresh if e.msgid not in committed)
    assert new == [], "strings missing from the catalogue: run `make messages`"


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
