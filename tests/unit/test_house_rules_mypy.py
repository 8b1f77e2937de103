"""The package type-checks: mypy (configured in setup.cfg) finds no error in researchnb.

Type hints are only worth having if they are true; a wrong one misleads the next reader
more than a missing one. mypy runs in a subprocess with a fresh cache, so the test sees
the files as they are and does not fight a concurrent run over `.mypy_cache`.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _mypy(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_the_package_has_no_type_errors(tmp_path):
    done = _mypy(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_mypy_sees_a_type_error(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def pages(n: int) -> str:\n    return n\n", encoding="utf-8")
    done = _mypy(tmp_path, str(bad))
    assert done.returncode == 1
    assert "bad.py:2: error: Incompatible return value type" in done.stdout
