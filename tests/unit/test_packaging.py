"""The wheel must carry every package and the migrations (setup.cfg lists them by hand)."""

import configparser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_python_package_is_listed_in_setup_cfg():
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg")
    listed = {p.strip() for p in cfg["options"]["packages"].split() if p.strip()}
    on_disk = {".".join(p.parent.relative_to(REPO).parts)
               for p in (REPO / "researchnb").rglob("*.py")}
    assert on_disk - listed == set()
    assert {"researchnb.db", "researchnb.resources"} <= listed


def test_migrations_are_numbered_without_gaps():
    from researchnb.store.migrate import default_migrations_dir, discover
    found = discover(default_migrations_dir())
    assert [m.version for m in found] == list(range(1, len(found) + 1))


def test_the_changelog_has_a_dated_section_for_this_version_on_top():
    import re

    from researchnb import __version__
    heads = re.findall(r"^## (\S+) — (\d{4}-\d{2}-\d{2})$",
                       (REPO / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert heads, "CHANGELOG.md has no dated release section"
    assert heads[0][0] == __version__
    assert [h[1] for h in heads] == sorted((h[1] for h in heads), reverse=True)
