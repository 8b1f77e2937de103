"""The analyzer: the same terms at index and query time, for Russian, English and the rest."""

from __future__ import annotations

from researchnb.search.analyzer import analyze, fold, script_of, terms, token_spans


def test_case_yo_and_pre_reform_letters_fold_to_modern_spelling():
    assert fold("ЁЛКА") == "елка"
    assert fold("Вѣра въ Бога") == "вера в бога"          # ѣ→е, final ъ dropped
    assert fold("Іоаннъ и Ѳеодоръ, мѵро") == "иоанн и феодор, миро"
    assert fold("объявленіе") == "объявление"             # ъ inside a word stays
    assert fold("ﬁnance Ⅻ") == "finance xii"               # NFKC
    assert fold("вода́") == "вода"                          # stress mark
    assert fold("STRASSE Straße") == "strasse strasse"


def test_russian_words_sharing_a_snowball_stem_get_one_term():
    assert len(set(terms("рабочие рабочих рабочим рабочими"))) == 1
    assert terms("ещё") == terms("еще") == terms("ЕЩЕ")
    assert terms("законъ") == terms("закона")
    assert terms("рабочие") != terms("работа")


def test_english_is_stemmed_and_other_scripts_kept_folded():
    assert terms("elections elected election") == ["elect"] * 3
    assert terms("Representatives") == terms("representative")
    assert terms("Ζεύς ΔΊΑ") == ["ζεύσ", "δία"]              # case folded, not stemmed
    assert terms("1922 г.") == ["1922", "г"]


def test_scripts_are_told_apart_per_token():
    assert script_of("рабочие") == "cyrillic"
    assert script_of("workers") == "latin"
    assert script_of("Bласть") == "cyrillic"       # OCR: one Latin B in a Russian word
    assert script_of("1922") == "other"


def test_the_stream_is_space_separated_terms_and_empty_for_nothing():
    # the stems in order, then each word that is not its own stem once, marked
    assert analyze("Рабочие, завода! Рабочие") == "рабоч завод рабоч"
    # then, once each and marked, the words a prefix would miss through their stem:
    # `electin*` and `голодающ*` go past `elect` and `голода`; `рабочи*` finds `рабоч`
    assert analyze("Electing, electing голодающих") == \
        "elect elect голода electing· голодающих·"
    assert analyze("") == analyze(None) == analyze(42) == ""
    assert analyze("snake_case под_черк") == "snake case под черк"


def test_word_spans_point_into_the_original_text():
    text = "Ѳеодоръ  пишетъ: «Вѣра»."
    spans = token_spans(text)
    assert [text[s:e] for s, e, _ in spans] == ["Ѳеодоръ", "пишетъ", "Вѣра"]
    assert [t for _, _, t in spans] == terms("феодор пишет вера")


def test_the_analyzer_is_registered_on_notebook_connections(nb):
    row = nb.conn.execute("SELECT rnb_analyze('Рабочих заводов'), rnb_analyzer_version()"
                          ).fetchone()
    assert row[0] == "рабоч завод" and row[1]
