"""Fail when a Python module passes 500 lines (STYLE.md: split a module by concern at ~500).

    python scripts/check_module_size.py        # make lint, .ci/run

A module that long does several things; the next engineer should read one in
one sitting. Migrations and demo content are data, not code to read that way,
and are not counted. Any other module over the limit must be listed in
EXCEPTIONS with the reason it stays whole for now.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 500
NOT_CODE = ("/migrations/", "cms/demo_content/")
# Modules allowed over the limit, each with the reason (none at present).
EXCEPTIONS: dict[str, str] = {}


def python_modules() -> list[str]:
    """The project's .py files as git sees them (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return sorted(path for path in listed if (ROOT / path).exists())


def too_long(paths: list[str], root: Path = ROOT) -> list[tuple[str, int]]:
    """(path, lines) of each module over LIMIT, migrations and demo content left out."""
    found = []
    for path in paths:
        if any(part in f"/{path}" for part in NOT_CODE):
            continue
        lines = len((root / path).read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            found.append((path, lines))
    return found


def main() -> int:
    over = too_long(python_modules())
    failing = [(path, lines) for path, lines in over if path not in EXCEPTIONS]
    for path, lines in over:
        if path in EXCEPTIONS:
            print(f"allowed: {path} ({lines} lines): {EXCEPTIONS[path]}")
    for path, lines in failing:
        print(f"{path}: {lines} lines, over {LIMIT}: split it by concern", file=sys.stderr)
    stale = sorted(set(EXCEPTIONS) - {path for path, _lines in over})
    for path in stale:
        print(f"note: {path} is within {LIMIT} lines now: remove it from EXCEPTIONS")
    print(
        f"modules over {LIMIT} lines: {len(failing)} not allowed, {len(over) - len(failing)} allowed"
    )
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
