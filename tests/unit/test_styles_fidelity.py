"""The hand-written forms (Russian transliterated, GOST, Chicago) after issue 17's findings:
what a historian saw go wrong, each checked as printed."""

from __future__ import annotations

from researchnb.citations.styles import format_citation
from researchnb.domain import Creator, Source

LATIN_TSGAMO = Source(kind="archival", title="Протокол", archive_abbr="TsGAMO",
                      archive_place="Moscow", fond="415", opis="16", delo="312")
HOOVER = Source(kind="archival", title="Letter to Nicolaevsky", language="en",
                archive="Hoover Institution Library & Archives", archive_abbr="HIA",
                archive_place="Stanford, CA", call_number="Box 143, Folder 7")
ARTICLE = Source(kind="article", title="Ascribing Class", date="1993", language="en",
                 creators=[Creator("Fitzpatrick", "Sheila")],
                 container_title="Journal of Modern History", volume="65", issue="4",
                 pages="745–770")
RU_ARTICLE = Source(kind="article", title="Деревня в 1920-е гг.", date="1990", language="ru",
                    creators=[Creator("Данилов", "Виктор Петрович")],
                    container_title="Вопросы истории", volume="3", issue="2", pages="5–20")
FOND_R = Source(kind="archival", title="Приказ", archive_abbr="ГАРФ",
                archive="Государственный архив Российской Федерации", fond="Р-415",
                opis="16с", delo="312", fond_title="Мособлисполком")


def test_gost_names_a_russian_archive_in_cyrillic_even_when_typed_in_latin():
    assert format_citation(LATIN_TSGAMO, "gost", "l. 12") == \
        "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12."


def test_gost_keeps_an_archive_abroad_and_its_call_number():
    assert format_citation(HOOVER, "gost") == "HIA. Box 143, Folder 7."
    assert format_citation(HOOVER, "chicago-note").endswith(
        "Box 143, Folder 7, Hoover Institution Library & Archives (HIA), Stanford, CA.")


def test_gost_keeps_a_journal_volume_and_writes_p_for_english_pages():
    assert format_citation(ARTICLE, "gost", "p. 750") == \
        "Fitzpatrick S. Ascribing Class // Journal of Modern History. 1993. Vol. 65, no. 4. " \
        "P. 750."
    assert format_citation(ARTICLE, "gost").endswith("P. 745–770.")
    assert format_citation(RU_ARTICLE, "gost") == \
        "Данилов В. П. Деревня в 1920-е гг. // Вопросы истории. 1990. Т. 3. № 2. С. 5–20."


def test_transliteration_writes_primes_and_romanizes_the_whole_shelfmark():
    assert format_citation(FOND_R, "russian", "l. 3") == "GARF, f. R-415, op. 16s, d. 312, l. 3"
    letter = Source(kind="book", title="Объявление", creators=[Creator("Гоголь", "Николай")])
    assert "Gogolʹ" in format_citation(letter, "russian") and "Obʺiavlenie" in \
        format_citation(letter, "russian")


def test_no_doubled_punctuation():
    book = Source(kind="book", title="Что делать?", date="1863",
                  creators=[Creator("Чернышевский", "Николай")])
    years = Source(kind="book", title="Москва в 1920-е гг.", date="2001", publisher="Наука",
                   place="М.")
    assert "?." not in format_citation(book, "chicago-bib")
    assert "?," not in format_citation(book, "chicago-note")
    assert "гг.." not in format_citation(years, "gost")
    assert format_citation(years, "gost") == "Москва в 1920-е гг. М.: Наука, 2001."
    article = Source(kind="article", title="Что делать?", container_title="Знамя",
                     date="1990")
    assert "“Что делать?”" in format_citation(article, "chicago-bib")
    assert "?.”" not in format_citation(article, "chicago-bib")


def test_a_folio_typed_with_f_keeps_its_label():
    assert format_citation(LATIN_TSGAMO, "russian", "f. 3") == \
        "TsGAMO, f. 415, op. 16, d. 312, f. 3"
    assert format_citation(LATIN_TSGAMO, "chicago-note", "f. 3v").count("f. 3v") == 1


def test_without_a_locator_the_source_own_folio_is_shown():
    own = Source(kind="archival", title="Протокол", archive_abbr="ЦГАМО", fond="415",
                 opis="16", delo="312", folio="12ob")
    assert format_citation(own, "russian") == "TsGAMO, f. 415, op. 16, d. 312, l. 12ob."
    assert format_citation(own, "gost") == "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12 об."
    assert format_citation(own, "russian", "l. 5") == "TsGAMO, f. 415, op. 16, d. 312, l. 5"


def test_the_call_number_is_printed_in_every_hand_written_style():
    src = Source(kind="archival", title="Memo", archive_abbr="RGASPI", fond="17", opis="84",
                 delo="343", call_number="Box 3")
    for style in ("chicago-note", "chicago-bib", "russian", "gost"):
        assert "Box 3" in format_citation(src, style), style


def test_a_russian_archive_named_by_a_word_keeps_the_word():
    memorial = Source(kind="archival", title="Interview", archive_abbr="Memorial",
                      archive_place="Moscow", call_number="Box 3")
    assert format_citation(memorial, "gost") == "Memorial. Box 3."
