"""Completion order and labels in the notes editor (issue 16, item 20)."""

from researchnb.notes.ranking import rank, shorten


def _rank(typed, names):
    return rank(typed, names, lambda n: n, lambda n: "")


def test_names_starting_with_what_is_typed_come_first_then_words_then_inside_then_fuzzy():
    keys = ["dosbom1923", "report_dsi1921", "dsi1922", "adsix", "smith2001"]
    assert _rank("dsi", keys)[:4] == ["dsi1922", "report_dsi1921", "adsix", "dosbom1923"]
    assert _rank("DSI", keys)[0] == "dsi1922"
    assert _rank("", keys) == keys


def test_a_title_word_counts_as_a_word_start():
    items = [("smith2001", "Famine in the Volga"), ("volkov1999", "Letters")]
    got = rank("volga", items, lambda i: i[0], lambda i: i[1])
    assert got[0] == ("smith2001", "Famine in the Volga")


def test_long_quotes_are_cut_between_words_with_an_ellipsis():
    quote = "The meeting of the party cell resolved unanimously to expel comrade Petrov"
    short = shorten(quote, 48)
    assert short.endswith("…") and len(short) <= 48
    assert quote.startswith(short[:-1]) and quote[len(short) - 1] == " "
    assert shorten("Short quote.") == "Short quote."
    assert shorten("x" * 60, 20) == "x" * 19 + "…"
