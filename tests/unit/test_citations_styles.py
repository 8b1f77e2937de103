"""Formatted citations for "copy citation": Chicago, Russian transliterated, GOST."""

from __future__ import annotations

import pytest

from researchnb.citations.styles import format_citation
from researchnb.domain import Creator, InvalidInput, NotFound, Source

TSGAMO = Source(kind="archival", title="Протокол заседания президиума", date="1934-02-11",
                archive="Центральный государственный архив Московской области",
                archive_abbr="ЦГАМО", archive_place="Москва", fond="415", opis="16",
                delo="312", fond_title="Мособлисполком", citekey="tsgamo_415_16_312")
RGASPI = Source(kind="archival", title="Minutes of the Orgburo", date="1931~",
                archive="Russian State Archive of Socio-Political History",
                archive_abbr="RGASPI", archive_place="Moscow", fond="17", opis="84",
                delo="343", creators=[Creator(literal="Orgbiuro TsK VKP(b)")])
BOOK = Source(kind="book", title="Everyday Stalinism", date="1999",
              creators=[Creator(family="Fitzpatrick", given="Sheila")],
              publisher="Oxford University Press", place="New York")
ARTICLE = Source(kind="article", title="Ascribing Class", date="1993",
                 creators=[Creator(family="Fitzpatrick", given="Sheila")],
                 container_title="Journal of Modern History", volume="65", issue="4",
                 pages="745–770")
RU_BOOK = Source(kind="book", title="Ядерный загар", date="2002",
                 creators=[Creator(family="Медведев", given="Жорес Александрович")],
                 publisher="Время", place="М.")


def test_russian_transliterated_archival_form():
    assert format_citation(TSGAMO, "russian", "l. 12") == "TsGAMO, f. 415, op. 16, d. 312, l. 12"
    assert format_citation(TSGAMO, "russian", "ll. 5-7") == \
        "TsGAMO, f. 415, op. 16, d. 312, ll. 5–7"
    assert format_citation(TSGAMO, "russian", "l. 12 ob.") == \
        "TsGAMO, f. 415, op. 16, d. 312, l. 12ob."


def test_gost_cyrillic_archival_form():
    assert format_citation(TSGAMO, "gost", "l. 12") == "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12."
    assert format_citation(TSGAMO, "gost", "л. 12 об.") == \
        "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12 об."
    assert format_citation(TSGAMO, "gost") == "ЦГАМО. Ф. 415. Оп. 16. Д. 312."


def test_a_range_starting_on_a_verso_keeps_the_verso_in_every_style():
    # An excerpt across l. 12 ob. and l. 13: the verso mark belongs to the first folio.
    assert format_citation(TSGAMO, "gost", "l. 12 ob.–13") == \
        "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12 об.–13."
    assert format_citation(TSGAMO, "russian", "ll. 12 ob.-13 ob.") == \
        "TsGAMO, f. 415, op. 16, d. 312, ll. 12ob.–13ob."
    assert format_citation(TSGAMO, "gost", "л. 5, 7 об.") == \
        "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 5, 7 об."


def test_chicago_note_for_archival_item_orders_item_date_folio_collection_repository():
    text = format_citation(RGASPI, "chicago-note", "l. 12")
    assert text == ("Orgbiuro TsK VKP(b), “Minutes of the Orgburo,” ca. 1931, f. 17, op. 84, "
                    "d. 343, l. 12, Russian State Archive of Socio-Political History (RGASPI), "
                    "Moscow.")
    note = format_citation(TSGAMO, "chicago-note", "l. 3")
    assert note.index("February 11, 1934") < note.index("Мособлисполком") < \
        note.index("l. 3") < note.index("Центральный")


def test_chicago_bibliography_entries():
    assert format_citation(BOOK, "chicago-bib") == \
        "Fitzpatrick, Sheila. Everyday Stalinism. New York: Oxford University Press, 1999."
    assert format_citation(ARTICLE, "chicago-bib") == \
        ("Fitzpatrick, Sheila. “Ascribing Class.” Journal of Modern History 65, no. 4 (1993): "
         "745–770.")
    assert format_citation(RGASPI, "chicago-bib").startswith(
        "Orgbiuro TsK VKP(b). “Minutes of the Orgburo.” ca. 1931.")


def test_chicago_notes_for_published_items():
    assert format_citation(BOOK, "chicago-note", "p. 45") == \
        "Sheila Fitzpatrick, Everyday Stalinism (New York: Oxford University Press, 1999), 45."
    assert format_citation(ARTICLE, "chicago-note", "750") == \
        "Sheila Fitzpatrick, “Ascribing Class,” Journal of Modern History 65, no. 4 (1993): 750."


def test_gost_for_a_russian_book():
    assert format_citation(RU_BOOK, "gost", "с. 45") == \
        "Медведев Ж. А. Ядерный загар. М.: Время, 2002. С. 45."


def test_unknown_style_is_refused():
    with pytest.raises(InvalidInput):
        format_citation(BOOK, "mla")


def test_cite_through_the_notebook_by_citekey_and_excerpt_locator(nb):
    src = nb.sources.add(Source(kind="archival", title="Протокол", archive_abbr="ЦГАМО",
                               fond="415", opis="16", delo="312")).value
    assert nb.citations.cite(src.citekey, "l. 12", "gost") == \
        "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12."
    assert nb.citations.cite(src.key.lower(), "l. 12", "russian") == \
        "TsGAMO, f. 415, op. 16, d. 312, l. 12"
    with pytest.raises(NotFound):
        nb.citations.cite("nothingLikeThis")


def test_an_excerpts_locator_is_the_default(nb, fixture_file):
    src = nb.sources.add(Source(kind="archival", title="Протокол", archive_abbr="ЦГАМО",
                               fond="415", opis="16", delo="312")).value
    result = nb.documents.import_files([fixture_file("letters.ru.txt")],
                                       source_key=src.key).value
    doc_key = result.imported[0].document
    words = " ".join(nb.documents.get(doc_key).pages[0].text.split()[:3])
    ex = nb.excerpts.add(doc_key, 1, quote=words, locator="l. 7 ob.").value
    assert nb.citations.cite(ex.key, style="russian") == "TsGAMO, f. 415, op. 16, d. 312, l. 7ob."
    assert nb.citations.cite(ex.key, "l. 9", style="gost") == "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 9."


def test_a_letter_names_writer_and_addressee():
    letter = Source(kind="letter", title="On the harvest", date="1932-06",
                    creators=[Creator(family="Sholokhov", given="Mikhail"),
                              Creator(family="Stalin", given="Iosif", role="recipient")],
                    archive="Archive of the President", archive_abbr="APRF", fond="3",
                    opis="61", delo="549")
    assert format_citation(letter, "chicago-note", "l. 4").startswith(
        "Mikhail Sholokhov to Iosif Stalin, “On the harvest,” June 1932, f. 3, op. 61, "
        "d. 549, l. 4")
    assert format_citation(letter, "russian", "l. 4") == "APRF, f. 3, op. 61, d. 549, l. 4"
