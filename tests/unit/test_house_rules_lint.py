"""The code is ruff-clean: `ruff check researchnb tests scripts` (settings in pyproject.toml).

ruff runs as a subprocess with no cache, so the test sees the files as they are now.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    # The ruff installed beside this Python (the test extra), else one on PATH.
    beside = Path(sys.executable).with_name("ruff")
    exe = str(beside) if beside.exists() else shutil.which("ruff") or "ruff"
    return subprocess.run([exe, "check", "--no-cache", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


def test_ruff_finds_nothing_in_the_code_tests_and_scripts():
    done = _ruff("researchnb", "tests", "scripts")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_uses_the_committed_settings_and_sees_a_finding(tmp_path):
    # Copied settings, one planted fault per kind: an unused import (F) and an unsorted
    # block (I) must be reported, a 100-character line (the project's width) must not.
    (tmp_path / "pyproject.toml").write_text(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nimport os\n\nX = '" + "x" * 94 + "'\n", encoding="utf-8")
    done = _ruff("bad.py", "--output-format", "concise", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "F401" in done.stdout and "I001" in done.stdout
    assert "E501" not in done.stdout
