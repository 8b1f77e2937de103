"""Property-based tests (hypothesis) of everything that reads text a historian did not write
by hand for us: the text importer's decoding, the BibTeX and CSL-JSON readers, the note link
parser, the search query parser and the citekey maker.

Each target must never raise anything but a user error, whatever the input, and round-trip
where a round trip exists. Profiles (HYPOTHESIS_PROFILE): "ci" (the default: 500 examples per
target), "dev" (100, for a quick run) and "deep" (5,000, for a night).
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from researchnb.citations.bibtex import write_biblatex, write_bibtex
from researchnb.citations.citekeys import CITEKEY_RE, base_citekey, unique_citekey
from researchnb.citations.csljson import write_csljson
from researchnb.domain import SOURCE_KINDS, Creator, Source, UserError
from researchnb.importers import bibtex as bib_reader
from researchnb.importers import csljson as csl_reader
from researchnb.importers.text import decode, split_pages
from researchnb.notes import links
from researchnb.search import query
from researchnb.store.keys import ALPHABET

_COMMON = dict(deadline=None, print_blob=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])
settings.register_profile("ci", max_examples=500, **_COMMON)
settings.register_profile("dev", max_examples=100, **_COMMON)
settings.register_profile("deep", max_examples=5000, **_COMMON)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
if PROFILE.max_examples < 500 and os.environ.get("CI"):
    raise RuntimeError("CI runs the property tests with at least 500 examples each")

# Text a historian's files really hold: Latin and Cyrillic letters, digits, punctuation,
# whitespace, pre-reform letters, accents, plus anything else Unicode has.
_LETTERS = "abcxyzABCXYZ0189 .,;:-–—'\"«»()[]{}@#%&/\\\n\tёЁйЙщЩъЪыЫѣѢіІѳѲѵѴéèüßçñ"
texty = st.text(alphabet=st.sampled_from(_LETTERS), max_size=200)
any_text = st.one_of(texty, st.text(max_size=200))
words = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуфхцчшщэюяё"),
                min_size=1, max_size=12)


def _no_surrogates(text: str) -> bool:
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


# -- the text importer ----------------------------------------------------------------------

@PROFILE
@given(st.binary(max_size=600))
def test_text_decoding_never_fails_except_with_a_user_error(data):
    try:
        text, encoding, warnings = decode(data, "x.txt")
    except UserError:
        return
    assert isinstance(text, str) and encoding and isinstance(warnings, list)
    assert "\r" not in text and unicodedata.is_normalized("NFC", text)


@PROFILE
@given(any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_text_in_any_unicode_encoding_comes_back_as_written(text, encoding):
    assume(_no_surrogates(text) and "\x00" not in text)
    got, _, warnings = decode(text.encode(encoding), "x.txt")
    want = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert got == want and warnings == []


@PROFILE
@given(st.text(alphabet=st.sampled_from("ab cd\n\n\t.ё"), max_size=5000),
       st.integers(min_value=20, max_value=800))
def test_page_splitting_keeps_every_character_once(text, target):
    pages = split_pages(text, target)
    assert "".join(pages) == text
    assert all(pages) or pages == [text]


# -- the BibTeX and CSL-JSON readers --------------------------------------------------------

bibtexish = st.lists(st.one_of(
    texty,
    st.sampled_from(["@book{", "@article{", "@misc{", "@string{", "@comment{", "@preamble{",
                     "}", "{", ",", "=", '"', "author = ", "title = ", "year = ", "crossref",
                     " and ", "\\\"{o}", "{\\'e}", "%", "\n", "#", "@set{", "ids"])),
    max_size=40).map("".join)


@PROFILE
@given(bibtexish)
def test_bibtex_reader_survives_any_text(text):
    result = bib_reader.read_text(text)
    assert all(isinstance(s, Source) and s.title for s in result.sources)
    assert all(f.line >= 1 for f in result.failures)


def _person() -> st.SearchStrategy[Creator]:
    return st.builds(lambda f, g: Creator(family=f.capitalize(), given=g.capitalize()),
                     words, words)


sources = st.builds(
    lambda kind, title, people, year, key: Source(
        kind=kind, title=title, creators=people, date=str(year), citekey=key),
    st.sampled_from(["book", "article", "chapter", "other"]),
    st.lists(words, min_size=1, max_size=6).map(" ".join).map(str.capitalize),
    st.lists(_person(), max_size=3),
    st.integers(min_value=1000, max_value=2099),
    st.from_regex(r"[a-z][a-z0-9]{2,15}", fullmatch=True))


@PROFILE
@given(sources, st.booleans())
def test_bibtex_written_is_read_back_the_same(src, biblatex):
    text = (write_biblatex if biblatex else write_bibtex)([src])
    result = bib_reader.read_text(text)
    assert result.failures == [] and len(result.sources) == 1
    back = result.sources[0]
    assert back.title == src.title and back.citekey == src.citekey
    assert back.date == src.date
    assert [(c.family, c.given) for c in back.creators if c.role == "author"] == \
        [(c.family, c.given) for c in src.creators]


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              any_text),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["title", "type", "author", "issued", "id",
                                         "date-parts", "family", "given", "literal",
                                         "container-title", "custom", "edtf", "archive",
                                         "archive_location", "circa", "raw"]) | any_text,
                        children, max_size=6)),
    max_leaves=25)


@pytest.fixture(scope="module")
def scratch() -> Path:
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


@PROFILE
@given(st.one_of(json_values.map(json.dumps), any_text))
def test_csl_json_reader_survives_any_file(scratch, text):
    path = scratch / "items.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = csl_reader.read(path)
    assert all(isinstance(s, Source) and s.title for s in result.sources)
    assert all(f.line >= 1 for f in result.failures)


@PROFILE
@given(sources)
def test_csl_json_written_is_read_back_the_same(scratch, src):
    path = scratch / "one.json"
    path.write_text(write_csljson([src]), encoding="utf-8")
    result = csl_reader.read(path)
    assert result.failures == [] and len(result.sources) == 1
    back = result.sources[0]
    assert (back.title, back.citekey, back.date, back.kind) == \
        (src.title, src.citekey, src.date, src.kind)
    assert [(c.family, c.given) for c in back.creators] == \
        [(c.family, c.given) for c in src.creators]


# -- the note link parser -------------------------------------------------------------------

keys = st.text(alphabet=st.sampled_from(ALPHABET), min_size=8, max_size=8)
plain_text = st.text(alphabet=st.sampled_from("abc xyz.,;ёж\n"), max_size=60)


@PROFILE
@given(st.one_of(any_text, st.lists(st.one_of(texty, st.sampled_from(
    ["[", "]", "(", ")", "[[", "]]", "|", "@", "`", "```", "\n", "note:", "src:", "ex:",
     "page:", "#", "\\", "ABCDEFGH", "[@", "-@"])), max_size=40).map("".join)))
def test_link_parser_survives_any_body(body):
    found = links.parse(body)
    n_lines = body.count("\n") + 1
    assert all(1 <= link.line <= n_lines for link in found)
    assert all(link.kind in ("note", "source", "excerpt", "page", "citation", "unresolved")
               for link in found)


@PROFILE
@given(plain_text, plain_text, st.sampled_from(sorted(links.SCHEME_KINDS)), keys,
       st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and "\n" not in t
                                                and "\r" not in t and "`" not in t))
def test_a_stored_link_is_found_with_its_key_and_label(before, after, scheme, key, label):
    assume(_no_surrogates(label) and not any(unicodedata.category(c) == "Zl" for c in label))
    body = f"{before}[{links.escape_label(label)}]({scheme}:{key}) {after}"
    found = [lk for lk in links.parse(body) if lk.kind == links.SCHEME_KINDS[scheme]]
    assert [(lk.target, lk.label) for lk in found] == [(key, " ".join(label.split()))]


# -- the search query parser ----------------------------------------------------------------

queries = st.one_of(any_text, st.lists(st.one_of(words, st.sampled_from(
    ["AND", "OR", "NOT", "(", ")", '"', "~", "~2", "*", "?", ":", "tag:", "date:[",
     " TO ", "]", "{", "}", "^2", "-", "+", "\\", "/", " ", "kind:page", "fond:415"])),
    max_size=25).map("".join))


@PROFILE
@given(queries, st.booleans())
def test_query_parser_never_raises(text, typeahead):
    q = query.parse(text, typeahead=typeahead)
    assert isinstance(q, query.Query)


@pytest.fixture(scope="module")
def searchable():
    from researchnb.notebook import Notebook
    with tempfile.TemporaryDirectory() as d:
        nb = Notebook.create(Path(d) / "s.rnb")
        src = nb.sources.add(Source(kind="archival", title="Протокол заседания ячейки",
                                   archive_abbr="TsGAMO", fond="415", date="1922-06")).value
        nb.tags.add(src.key, ["theme/labour"])
        nb.notes.add("Рабочие и заработная плата", "the workers of the AMO factory")
        yield nb
        nb.close()


@PROFILE
@given(queries, st.booleans())
def test_any_query_runs_against_a_real_index(searchable, text, typeahead):
    run = searchable.search.type_ahead if typeahead else searchable.search.query
    result = run(text)
    assert result["total"] >= len(result["hits"]) >= 0


# -- the citekey maker ----------------------------------------------------------------------

any_sources = st.builds(
    lambda kind, title, people, date, abbr, fond, delo: Source(
        kind=kind, title=title, creators=people, date=date, archive_abbr=abbr, fond=fond,
        delo=delo),
    st.sampled_from(SOURCE_KINDS), any_text,
    st.lists(st.builds(Creator, family=any_text, given=any_text, literal=any_text,
                       role=st.sampled_from(["author", "editor", "recipient"])), max_size=3),
    st.one_of(st.just(""), st.sampled_from(["1922", "1922-06", "1921~", "192X", "1920/1923"]),
              any_text),
    any_text, any_text, any_text)


@PROFILE
@given(any_sources, st.lists(st.text(max_size=30), max_size=30))
def test_citekeys_are_always_usable_and_unique(src, taken):
    base = base_citekey(src)
    assert CITEKEY_RE.match(base), base
    key = unique_citekey(base, taken)
    assert key.lower() not in {t.lower() for t in taken}
    assert key.startswith(base) and CITEKEY_RE.match(key)
