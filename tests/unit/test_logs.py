"""The log file (researchnb.logs): where it is, that it is set up once, and that uncaught
exceptions on any thread and Python warnings land in it."""

from __future__ import annotations

import logging
import sys
import threading
import warnings

import pytest

from researchnb import logs


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(folder))
    yield folder
    logs.shutdown_logging()


def test_the_log_folder_can_be_set_by_environment(log_dir):
    assert logs.default_log_dir() == log_dir
    assert logs.setup_logging() == log_dir / "researchnb.log"
    assert logs.log_file() == log_dir / "researchnb.log"


def test_setting_up_twice_keeps_one_file_handler_and_makes_no_empty_file(log_dir):
    logs.setup_logging()
    logs.setup_logging()
    files = [h for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)
             and h.baseFilename == str(log_dir / "researchnb.log")]
    assert len(files) == 1
    assert not (log_dir / "researchnb.log").exists()  # nothing logged yet
    logging.getLogger("researchnb.test").warning("a record")
    assert (log_dir / "researchnb.log").read_text(encoding="utf-8").count("a record") == 1


def test_an_uncaught_exception_in_a_thread_goes_to_the_log(log_dir, capsys):
    path = logs.setup_logging()
    logs.install_excepthooks()
    try:
        def reindex() -> None:
            raise OSError("disk unplugged")

        worker = threading.Thread(target=reindex, name="reindex")
        worker.start()
        worker.join()
    finally:
        logs.shutdown_excepthooks()
    text = path.read_text(encoding="utf-8")
    assert "Unexpected error in reindex" in text
    assert "in reindex" in text and "OSError: disk unplugged" in text


def test_the_excepthook_logs_and_then_calls_on_error(log_dir):
    path = logs.setup_logging()
    seen = []
    logs.install_excepthooks(on_error=lambda t, e, tb: seen.append(e))
    try:
        try:
            raise LookupError("no such fond")
        except LookupError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        logs.shutdown_excepthooks()
    assert [str(e) for e in seen] == ["no such fond"]
    assert "LookupError: no such fond" in path.read_text(encoding="utf-8")
    assert not isinstance(sys.excepthook, logs._SysHook)


def test_a_python_warning_goes_to_the_log_not_to_the_terminal(log_dir, capsys):
    path = logs.setup_logging(terminal_level="WARNING")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("this PDF's xref table is damaged", UserWarning, stacklevel=1)
    assert "xref table is damaged" in path.read_text(encoding="utf-8")
    assert "xref" not in capsys.readouterr().err


def test_an_unwritable_log_folder_does_not_stop_the_program(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(blocker / "logs"))
    try:
        assert logs.setup_logging() is None
    finally:
        logs.shutdown_logging()
    assert "cannot write the log file" in capsys.readouterr().err
