"""Shared fixtures. QT_QPA_PLATFORM is set here, before any QApplication can exist."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from researchnb.notebook import Notebook  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
BIB = SHARED / "bib"
# Tests about particular third-party documents read them from ../shared (beside the clone, not
# in it) and are marked `@pytest.mark.shared` (or `shared("bib")`); without the folder they
# are skipped with one of these reasons (`shared("schemas")` for the CSL-JSON schema). A test
# using the `corpus` fixture counts as marked. Everything else uses tests/fixtures/.
SHARED_REASONS = {
    "corpus": "needs ../shared/corpus (the third-party test documents; see README)",
    "bib": "needs ../shared/bib (the third-party BibTeX files; see README)",
    "schemas": "needs ../shared/schemas (the CSL-JSON schema; see README)",
}


def shared_missing(what: str = "corpus") -> str | None:
    """The skip reason when ../shared/<what> is absent, else None."""
    return None if (SHARED / what).is_dir() else SHARED_REASONS[what]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("shared")
        if marker is None and "corpus" not in getattr(item, "fixturenames", ()):
            continue
        # A test asking for the `corpus` fixture reads ../shared whether marked or not.
        for what in (marker.args if marker else ()) or ("corpus",):
            reason = shared_missing(what)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))
                break


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Qt crashes at exit while the clipboard holds a copied citation's mime data (the app
    releases it when it quits; a test session never quits the app, so do it here)."""
    if "researchnb.ui.export.copy_citation" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            sys.modules["researchnb.ui.export.copy_citation"].release_clipboard()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many tests were skipped for want of ../shared, and why (README: Tests)."""
    reasons = set(SHARED_REASONS.values())
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if isinstance(r.longrepr, tuple) and r.longrepr[2].removeprefix("Skipped: ")
               in reasons]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} tests skipped for want of ../shared: they check particular "
            "third-party documents (README, For developers); everything else ran on the "
            "project's own fixtures.")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real default notebook and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("RESEARCHNB_LOG_DIR", str(home / "log"))
    monkeypatch.delenv("RESEARCHNB_NOTEBOOK", raising=False)


@pytest.fixture
def nb(tmp_path: Path):
    """A fresh empty notebook, closed after the test."""
    notebook = Notebook.create(tmp_path / "test.rnb")
    yield notebook
    notebook.close()


def corpus_copy(tmp_path: Path, relative: str) -> Path:
    """Copy a file of ../shared/corpus (or ../shared/bib with 'bib/…') into tmp_path."""
    what = "bib" if relative.startswith("bib/") else "corpus"
    reason = shared_missing(what)
    if reason:
        pytest.skip(reason)
    src = SHARED / relative if what == "bib" else CORPUS / relative
    dest = tmp_path / "incoming" / src.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest


@pytest.fixture
def corpus(tmp_path: Path):
    """corpus('pdf/metadata.pdf') -> a private copy of that corpus file (the test is skipped
    when ../shared/corpus is absent; mark it `shared` too, so the reason shows at collection)."""
    what = "corpus"
    reason = shared_missing(what)
    if reason:
        pytest.skip(reason)
    return lambda relative: corpus_copy(tmp_path, relative)


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every file of tests/fixtures/ (see its docstring), made once per run. Never write here:
    use `fixture_file`, which gives a private copy."""
    import fixtures
    return fixtures.make_all(tmp_path_factory.mktemp("fixtures"))


def fixture_copy(fixtures_dir: Path, tmp_path: Path, name: str) -> Path:
    dest = tmp_path / "incoming" / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixtures_dir / name, dest)
    return dest


@pytest.fixture
def fixture_file(fixtures_dir: Path, tmp_path: Path):
    """fixture_file('protokol-1922.pdf') -> a private copy of that generated file."""
    return lambda name: fixture_copy(fixtures_dir, tmp_path, name)


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
