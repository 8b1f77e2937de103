"""A wheel built from the checkout carries the migrations and runs `init` on its own."""

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_ships_migrations_and_resources_and_initialises_a_notebook(tmp_path):
    out = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(out.glob("researchnb-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    assert "researchnb/db/migrations/0001_initial.sql" in names
    assert any(n.startswith("researchnb/resources/") for n in names)
    # Run from the unpacked wheel only (not the checkout), as an installed copy would.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import researchnb; "
            "print(researchnb.__file__, file=sys.stderr); from researchnb.cli import main; "
            "sys.exit(main(['init', sys.argv[2], '--json']))")
    nbp = tmp_path / "x.rnb"
    run = subprocess.run([sys.executable, "-I", "-c", code, str(site), str(nbp)],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().startswith(str(site))
    assert (nbp / "notebook.sqlite").is_file()
    assert '"schema_version"' in run.stdout
