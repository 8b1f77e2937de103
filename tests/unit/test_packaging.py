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
