"""Shared fixtures. QT_QPA_PLATFORM is set here, before any QApplication can exist."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from researchnb.notebook import Notebook  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
BIB = SHARED / "bib"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real default notebook and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("RESEARCHNB_NOTEBOOK", raising=False)


@pytest.fixture
def nb(tmp_path: Path):
    """A fresh empty notebook, closed after the test."""
    notebook = Notebook.create(tmp_path / "test.rnb")
    yield notebook
    notebook.close()


def corpus_copy(tmp_path: Path, relative: str) -> Path:
    """Copy a file of ../shared/corpus (or ../shared/bib with 'bib/…') into tmp_path."""
    src = SHARED / relative if relative.startswith("bib/") else CORPUS / relative
    dest = tmp_path / "incoming" / src.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest


@pytest.fixture
def corpus(tmp_path: Path):
    """corpus('pdf/metadata.pdf') -> a private copy of that corpus file."""
    return lambda relative: corpus_copy(tmp_path, relative)


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def json(self):
        import json
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path):
    """Run `researchnb ARGS…` in a subprocess; `cli(*args, notebook=path)`."""
    import subprocess
    import sys

    def run(*args: str, notebook: Path | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None) -> CliResult:
        cmd = [sys.executable, "-m", "researchnb.cli", *args]
        if notebook is not None:
            cmd += ["--notebook", str(notebook)]
        full_env = dict(os.environ, **(env or {}))
        proc = subprocess.run(cmd, capture_output=True, text=True, input=stdin,
                              env=full_env, timeout=300)
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run
