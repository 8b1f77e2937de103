"""The `researchnb` launcher (app without a command, CLI otherwise) and the CLI's log file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from researchnb import __version__, launcher


def _python(code: str, *args: str, log_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, RESEARCHNB_LOG_DIR=str(log_dir))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


# A command made to stumble: `info` first meets a library warning, or a bug.
WARNS = """
    import sys, warnings
    from researchnb.cli import common, main
    opened = common.Context.notebook
    def notebook(self, **kw):
        warnings.warn("pypdf: the xref table of this PDF is damaged", UserWarning)
        return opened(self, **kw)
    common.Context.notebook = notebook
    sys.exit(main(sys.argv[1:]))
"""

BREAKS = """
    import sys
    from researchnb.cli import common, main
    def notebook(self, **kw):
        raise ZeroDivisionError("folios per delo")
    common.Context.notebook = notebook
    sys.exit(main(sys.argv[1:]))
"""


def test_a_warning_during_a_command_goes_to_the_log_not_to_stderr(cli, tmp_path):
    nb = tmp_path / "n.rnb"
    assert cli("init", str(nb)).code == 0
    done = _python(WARNS, "info", "--notebook", str(nb), log_dir=tmp_path / "logs")
    assert done.returncode == 0, done.stderr
    assert "xref" not in done.stderr
    logged = (tmp_path / "logs" / "researchnb.log").read_text(encoding="utf-8")
    assert "UserWarning: pypdf: the xref table of this PDF is damaged" in logged


def test_a_bug_in_a_command_says_where_the_log_is_and_logs_the_traceback(cli, tmp_path):
    nb = tmp_path / "n.rnb"
    assert cli("init", str(nb)).code == 0
    done = _python(BREAKS, "info", "--notebook", str(nb), log_dir=tmp_path / "logs")
    log_file = tmp_path / "logs" / "researchnb.log"
    assert done.returncode == 1
    assert "a bug, not your doing" in done.stderr and str(log_file) in done.stderr
    assert "Traceback" not in done.stderr
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "ZeroDivisionError: folios per delo" in logged


def test_the_cli_alone_never_loads_qt(tmp_path):
    done = _python("""
        import sys
        import researchnb.cli, researchnb.launcher
        assert researchnb.cli.main(["--json", "init", sys.argv[1]]) == 0
        loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "researchnb.ui")))
        print("LOADED", loaded)
    """, str(tmp_path / "n.rnb"), log_dir=tmp_path / "logs")
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout


def test_python_m_researchnb_runs_commands_and_prints_the_version(tmp_path):
    env = dict(os.environ, RESEARCHNB_LOG_DIR=str(tmp_path / "logs"))
    version = subprocess.run([sys.executable, "-m", "researchnb", "--version"],
                             capture_output=True, text=True, env=env, timeout=120)
    assert version.returncode == 0 and version.stdout.strip() == f"researchnb {__version__}"
    nb = tmp_path / "n.rnb"
    init = subprocess.run([sys.executable, "-m", "researchnb", "init", str(nb), "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert init.returncode == 0, init.stderr
    assert (nb / "notebook.sqlite").is_file()


def test_no_command_or_gui_opens_the_app_with_the_notebook_asked_for(tmp_path, monkeypatch):
    opened: list[tuple[Path, bool]] = []

    def fake_open_app(args):
        from researchnb.cli.common import Context
        opened.append(Context(args).notebook_path())
        return 0

    monkeypatch.setattr(launcher, "open_app", fake_open_app)
    monkeypatch.setenv("RESEARCHNB_LOG_DIR", str(tmp_path / "logs"))
    try:
        assert launcher.main([]) == 0
        assert launcher.main(["gui", "--notebook", str(tmp_path / "a.rnb")]) == 0
        assert launcher.main(["--notebook", str(tmp_path / "b.rnb")]) == 0
        monkeypatch.setenv("RESEARCHNB_NOTEBOOK", str(tmp_path / "c.rnb"))
        assert launcher.main(["gui"]) == 0
    finally:
        from researchnb.logs import shutdown_logging
        shutdown_logging()
    assert opened[0][1] is True  # the default notebook, made on first use
    assert opened[1:] == [(tmp_path / "a.rnb", False), (tmp_path / "b.rnb", False),
                          (tmp_path / "c.rnb", False)]


def test_the_cli_module_alone_does_not_open_the_app(cli):
    done = cli("gui")
    assert done.code == 1
    assert "researchnb gui" in done.err
