"""`sources cite` in CSL styles (issue 17, acceptance 4): a Chicago notes style, an
author-date style (APA) and GOST, on an archival item, a book and an article, word for word.

What each text should be was checked by hand against the style manuals: Chicago 18th ed.
(14.127: archival locators after the shelfmark; no place of publication), APA 7th, and
GOST R 7.0.5-2008 (the archival form `ЦГАМО. Ф. … Л. … об.`).
"""

from __future__ import annotations

import pytest

from researchnb.citations.csl import format_citation, list_styles, style_info
from researchnb.domain import Creator, InvalidInput, Source

TSGAMO = Source(kind="archival", title="Протокол заседания президиума Мособлисполкома",
                date="1934-02-11",
                archive="Центральный государственный архив Московской области",
                archive_abbr="ЦГАМО", archive_place="Москва", fond="415", opis="16",
                delo="312", folio="12 ob.", language="ru")
BOOK = Source(kind="book", title="Everyday Stalinism: Ordinary Life in Extraordinary Times",
              date="1999", creators=[Creator("Fitzpatrick", "Sheila")],
              publisher="Oxford University Press", place="New York", language="en")
ARTICLE = Source(kind="article", title="Ascribing Class: The Construction of Social Identity "
                 "in Soviet Russia", date="1993", creators=[Creator("Fitzpatrick", "Sheila")],
                 container_title="Journal of Modern History", volume="65", issue="4",
                 pages="745-770", language="en")

EXPECTED = {
    ("chicago-notes-bibliography", "archival"):
        "“Протокол заседания президиума Мособлисполкома,” February 11, 1934, f. 415, op. 16, "
        "d. 312, l. 14 ob., Центральный государственный архив Московской области (ЦГАМО), "
        "Москва.",
    ("chicago-notes-bibliography", "book"):
        "Sheila Fitzpatrick, Everyday Stalinism: Ordinary Life in Extraordinary Times (Oxford "
        "University Press, 1999), 750.",
    ("chicago-notes-bibliography", "article"):
        "Sheila Fitzpatrick, “Ascribing Class: The Construction of Social Identity in Soviet "
        "Russia,” Journal of Modern History 65, no. 4 (1993): 750.",
    ("apa", "archival"): "(Протокол заседания президиума Мособлисполкома, 1934, Folio 14 ob.)",
    ("apa", "book"): "(Fitzpatrick, 1999, p. 750)",
    ("apa", "article"): "(Fitzpatrick, 1993, p. 750)",
    ("gost-r-7-0-5-2008", "archival"): "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 14 об.",
    # An English item: GOST writes its labels in English (the CSL style has `с.` built in).
    ("gost-r-7-0-5-2008", "book"): "[Fitzpatrick, 1999, p. 750]",
    ("gost-r-7-0-5-2008", "article"): "[Fitzpatrick, 1993, p. 750]",
}
SOURCES = {"archival": (TSGAMO, "l. 14 ob."), "book": (BOOK, "p. 750"),
           "article": (ARTICLE, "p. 750")}


@pytest.mark.parametrize(("style", "which"), list(EXPECTED))
def test_three_styles_on_three_sources_word_for_word(style, which):
    src, locator = SOURCES[which]
    assert format_citation(src, "", locator, style).text == EXPECTED[(style, which)]


def test_bibliography_entries_keep_italics_in_html_and_drop_the_locator():
    entry = format_citation(BOOK, "", "p. 750", "chicago-notes-bibliography", "bibliography")
    assert entry.text == ("Fitzpatrick, Sheila. Everyday Stalinism: Ordinary Life in "
                          "Extraordinary Times. Oxford University Press, 1999.")
    assert "<i>Everyday Stalinism: Ordinary Life in Extraordinary Times</i>" in entry.html
    article = format_citation(ARTICLE, "", "p. 750", "chicago-notes-bibliography",
                              "bibliography")
    assert article.text.endswith("Journal of Modern History 65, no. 4 (1993): 745–70.")


def test_gost_bibliography_labels_follow_the_language_of_the_item():
    english = format_citation(ARTICLE, "", None, "gost-r-7-0-5-2008", "bibliography")
    assert english.text == ("1. Fitzpatrick S. Ascribing Class: The Construction of Social "
                            "Identity in Soviet Russia // Journal of Modern History. 1993. "
                            "Vol. 65, no. 4. P. 745–770.")
    russian = Source(kind="article", title="Деревня в 1920-е годы", date="1990",
                     language="ru", creators=[Creator("Данилов", "Виктор Петрович")],
                     container_title="Вопросы истории", volume="3", issue="2", pages="5-20")
    assert format_citation(russian, "", None, "gost-r-7-0-5-2008", "bibliography").text == (
        "1. Данилов В. П. Деревня в 1920-е годы // Вопросы истории. 1990. Т. 3. № 2. "
        "С. 5–20.")
    assert format_citation(russian, "", "с. 7", "gost-r-7-0-5-2008").text == \
        "[Данилов, 1990, с. 7]"


def test_a_later_note_is_short_and_keeps_the_folio():
    short = format_citation(BOOK, "", "p. 45", "chicago-notes-bibliography", "short")
    assert short.text == "Fitzpatrick, Everyday Stalinism, 45."
    article = format_citation(ARTICLE, "", "p. 45", "chicago-notes-bibliography", "short")
    assert article.text == "Fitzpatrick, “Ascribing Class,” 45."
    archival = format_citation(TSGAMO, "", "l. 3", "chicago-notes-bibliography", "short")
    assert archival.text.endswith("fol. 3.")


def test_without_a_locator_the_source_own_folio_is_cited_once_after_the_delo():
    text = format_citation(TSGAMO, "", None, "chicago-notes-bibliography").text
    assert text.count("12 ob.") == 1
    assert text.index("d. 312") < text.index("l. 12 ob.")


def test_an_authorless_item_is_not_titled_twice_in_the_bibliography():
    entry = format_citation(TSGAMO, "", None, "chicago-notes-bibliography", "bibliography")
    assert entry.text.count("Протокол заседания") == 1


def test_a_given_name_is_not_initialised_where_chicago_writes_it_in_full():
    assert format_citation(BOOK, "", None, "chicago-notes-bibliography-17th-edition"
                           ).text.startswith("Sheila Fitzpatrick, ")


def test_the_style_repository_has_chicago_author_date_and_gost():
    ids = {s.id for s in list_styles()}
    assert {"chicago-notes-bibliography", "chicago-notes-bibliography-17th-edition",
            "chicago-author-date", "apa", "gost-r-7-0-5-2008", "russian", "gost"} <= ids
    assert style_info("chicago-notes-bibliography").title.startswith(
        "Chicago Manual of Style 18th edition")
    assert style_info("chicago-notes-bibliography").kind == "note"


def test_an_unknown_style_is_refused_in_words():
    with pytest.raises(InvalidInput, match="no citation style 'mla-99'"):
        format_citation(BOOK, "", None, "mla-99")
    with pytest.raises(InvalidInput):
        format_citation(BOOK, "", None, "../../etc/passwd")


def test_the_cli_cites_in_a_csl_style_and_lists_styles(cli, tmp_path):
    path = tmp_path / "c.rnb"
    assert cli("init", str(path)).code == 0
    added = cli("sources", "add", "--kind", "article", "--title", ARTICLE.title, "--date",
                "1993", "--author", "Fitzpatrick, Sheila", "--container-title",
                "Journal of Modern History", "--volume", "65", "--issue", "4", "--pages",
                "745-770", "--language", "en", "--json", notebook=path)
    assert added.code == 0, added.err
    key = added.json["citekey"]
    out = cli("sources", "cite", key, "--style", "chicago-notes-bibliography", "--locator",
              "p. 750", "--json", notebook=path)
    assert out.code == 0, out.err
    assert out.json["text"] == EXPECTED[("chicago-notes-bibliography", "article")]
    assert "<i>Journal of Modern History</i>" in out.json["html"]
    bad = cli("sources", "cite", key, "--style", "nonsense", notebook=path)
    assert bad.code == 1 and "no citation style 'nonsense'" in bad.err
    assert "Traceback" not in bad.err
    listed = cli("sources", "styles", "--search", "gost", "--json", notebook=path)
    assert "gost-r-7-0-5-2008" in {s["id"] for s in listed.json}


def test_format_citation_takes_a_notebook_a_list_or_a_mapping(nb):
    saved = nb.sources.add(BOOK).value
    from_nb = format_citation(nb, saved.citekey, "p. 4", "apa")
    assert from_nb.text == "(Fitzpatrick, 1999, p. 4)"
    assert format_citation([saved], saved.citekey, "p. 4", "apa") == from_nb
    assert format_citation({saved.key: saved}, saved.key, "p. 4", "apa") == from_nb


def test_ampersands_and_angle_brackets_are_text_not_markup():
    book = Source(kind="book", title="Costs & Benefits <b>bold</b>", date="2001",
                  creators=[Creator("Smith", "Jane")], publisher="Acme & Sons")
    made = format_citation(book, "", "p. 4", "chicago-notes-bibliography")
    assert made.text == "Jane Smith, Costs & Benefits <b>bold</b> (Acme & Sons, 2001), 4."
    assert made.html == ("Jane Smith, <i>Costs &amp; Benefits &lt;b&gt;bold&lt;/b&gt;</i> "
                         "(Acme &amp; Sons, 2001), 4.")
