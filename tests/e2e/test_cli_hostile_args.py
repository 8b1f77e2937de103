"""Finding 10 of issue 15: the command line answers hostile arguments with a message, never a
traceback. Every command of the parser's own table, each of its arguments given an empty
string, 10,000 characters, a NUL, a lone surrogate (a byte that is not UTF-8, as Python
keeps it) and a key that does not exist: exit 0-3, and on failure one line on stderr.
Integer options take a huge, negative or wordy number as a usage error (exit 2)."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from researchnb.cli import build_parser, guard, main
from researchnb.domain import Source
from researchnb.notebook import Notebook

TABLE = guard.parsers(build_parser())
HOSTILE = {"empty": "", "long": "x" * 10_000, "nul": "a\0b", "surrogate": "f\udcffg",
           "unknown-key": "ZZZZZZZZ"}
SKIPPED = {"notebook", "json", "help", "version"}     # --notebook has its own test
BUG = "something went wrong inside researchnb"


def _slots(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments that take a value (flags take none)."""
    return [a for a in parser._actions if a.dest not in SKIPPED and a.nargs != 0
            and not isinstance(a, argparse._SubParsersAction)]


CASES = [(path, a.dest, name) for path, p in TABLE.items() for a in _slots(p)
         for name in HOSTILE]
NUMBERS = [(path, a.dest) for path, p in TABLE.items() for a in _slots(p)
           if a.type is not None and a.type is not str]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A notebook with one of everything, copied for each case."""
    root = tmp_path_factory.mktemp("hostile")
    text = root / "minutes.txt"
    text.write_text("Minutes of the committee. The question of bread.\n", encoding="utf-8")
    with Notebook.create(root / "t.rnb") as nb:
        src = nb.sources.add(Source(kind="archival", title="Minutes", date="1922")).value.key
        doc = nb.documents.import_files([text]).value.imported[0].document
        assert doc
        excerpt = nb.excerpts.add(doc, 1, quote="The question of bread").value.key
        note = nb.notes.add("Plan", "See the committee.").value.key
        nb.tags.add(src, ["t1"])
    return root / "t.rnb", {"src": src, "doc": doc, "excerpt": excerpt, "note": note,
                            "text": str(text)}


def _defaults(path: tuple[str, ...], keys: dict[str, str], tmp: Path) -> dict[str, str]:
    key = {"sources": keys["src"], "tags": keys["src"], "notes": keys["note"],
           "excerpts": keys["excerpt"], "documents": keys["doc"]}.get(path[0], keys["doc"])
    return {"key": key, "document": keys["doc"], "page": "1", "tags": "t1", "old": "t1",
            "new": "t2", "path": str(tmp / "made.rnb"), "archive": str(tmp / "none.zip"),
            "name": "nope", "paths": keys["text"], "format": "bibtex", "query": "committee",
            "kind": "archival", "title": "T", "label": "12", "revision": "1",
            "body": "text", "text": "text"}


def _argv(path: tuple[str, ...], parser: argparse.ArgumentParser, values: dict[str, str]
          ) -> list[str]:
    """The command with its positionals, its required options, and the options in
    `values`' keys that it has (the one under test among them)."""
    argv = list(path)
    for a in _slots(parser):
        if not a.option_strings:
            argv.append(values[a.dest])
    for a in _slots(parser):
        if a.option_strings and (a.required or a.dest in values.get("_given", "").split()):
            argv += [max(a.option_strings, key=len), values[a.dest]]
    return argv


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:          # argparse: usage errors and --help
        code = exc.code if isinstance(exc.code, int) else 1
    return code, capsys.readouterr().err


def _assert_message(code: int, err: str) -> None:
    shown = err if len(err) < 600 else err[:300] + " … " + err[-300:]
    assert code in (0, 1, 2, 3), shown
    assert "Traceback" not in err and BUG not in err, shown
    if code in (1, 2):
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, shown


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RESEARCHNB_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    nb = tmp_path / "nb.rnb"
    shutil.copytree(template[0], nb)
    monkeypatch.setenv("RESEARCHNB_NOTEBOOK", str(nb))
    return tmp_path, template[1]


@pytest.mark.parametrize(("path", "dest", "value"), CASES,
                         ids=[f"{' '.join(p)}-{d}-{v}" for p, d, v in CASES])
def test_hostile_values_end_in_a_message(path, dest, value, isolated, capsys):
    tmp, keys = isolated
    values = _defaults(path, keys, tmp)
    values[dest] = HOSTILE[value]
    values["_given"] = dest
    code, err = _run(_argv(path, TABLE[path], values), capsys)
    _assert_message(code, err)


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_notebook_path_ends_in_a_message(value, isolated, capsys):
    code, err = _run(["info", "--notebook", value], capsys)
    _assert_message(code, err)


@pytest.mark.parametrize(("path", "dest"), NUMBERS, ids=[f"{' '.join(p)}-{d}" for p, d in NUMBERS])
@pytest.mark.parametrize("number", ["99999999999999999999", "-5", "many", "1" * 5000])
def test_an_impossible_number_is_a_usage_error(path, dest, number, isolated, capsys):
    tmp, keys = isolated
    values = _defaults(path, keys, tmp)
    values[dest] = number
    values["_given"] = dest
    code, err = _run(_argv(path, TABLE[path], values), capsys)
    assert code == 2, err
    _assert_message(code, err)
    assert "give " in err and " from " in err


def test_every_integer_option_is_bounded():
    """No `type=int` is left: each integer option uses common.count (so has bounds)."""
    assert NUMBERS
    for path, dest in NUMBERS:
        action = next(a for a in TABLE[path]._actions if a.dest == dest)
        assert action.type is not int, (path, dest)


def test_search_limit_and_page_figures_of_the_issue(isolated, capsys):
    code, err = _run(["search", "x", "--limit", "999999999999999999999"], capsys)
    assert code == 2 and "a number of hits from 1 to 10,000" in err
    code, err = _run(["documents", "show", isolated[1]["doc"], "--page",
                      "99999999999999999999"], capsys)
    assert code == 2 and "a page number from 1 to 1,000,000" in err
    assert _run(["search", "committee", "--limit", "10000", "--json"], capsys)[0] == 0


def test_a_shortened_query_says_so_on_stderr_and_in_json(isolated, capsys):
    code = main(["search", *(["the~"] * 400), "--json"])
    captured = capsys.readouterr()
    assert code == 0
    assert "The query was shortened" in captured.err
    assert "shortened" in json.loads(captured.out)["note"]
    assert main(["search", "committee"]) == 0
    assert "shortened" not in capsys.readouterr().err
