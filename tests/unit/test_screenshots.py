"""The README's screenshots stay in step with docs/screenshots/ (`make screenshots`).

The README shows a selection; docs/screenshots/README.md lists every image with what it
shows. An image the README names that is gone, a new image nobody listed, or a listed
image that the script no longer makes fails here, and so does an image without alt text
(a screen reader would read its file name) or a folder grown past its size budget.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "docs" / "screenshots"
INDEX = FOLDER / "README.md"
IMAGE = re.compile(r"!\[([^\]]*)\]\(docs/screenshots/([^)\s]+)\)")
LISTED = re.compile(r"^\| `([^`]+\.png)` \|", re.M)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BUDGET = 3 * 1024 * 1024  # the whole folder, so a clone stays light


def readme_images() -> list[tuple[str, str]]:
    """(alt text, file name) of every screenshot the README shows."""
    return IMAGE.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def files() -> set[str]:
    return {path.name for path in FOLDER.glob("*.png")}


def listed() -> list[str]:
    return LISTED.findall(INDEX.read_text(encoding="utf-8"))


def test_the_readme_shows_screenshots_and_each_one_exists():
    shown = [name for _alt, name in readme_images()]
    assert len(shown) >= 5, shown
    assert sorted(set(shown) - files()) == []


def test_every_image_in_the_folder_is_listed_once_and_every_listed_image_is_there():
    names = listed()
    assert len(names) == len(set(names)), names
    assert sorted(files() - set(names)) == []
    assert sorted(set(names) - files()) == []


def test_every_screenshot_in_the_readme_has_a_real_alt_text():
    for alt, name in readme_images():
        assert len(alt.split()) >= 5, f"{name}: alt text {alt!r} says too little"
        assert name not in alt and "-" + name.split("-")[-1] not in alt, f"{name}: a file name as alt"


def test_the_files_are_pngs_within_the_budget():
    paths = sorted(FOLDER.glob("*.png"))
    for path in paths:
        assert path.read_bytes()[:8] == PNG_SIGNATURE, path.name
    assert sum(path.stat().st_size for path in paths) <= BUDGET
