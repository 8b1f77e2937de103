"""Citekeys (acceptance 3): the rules of CITATIONS.md, unique ignoring case, never changed."""

from __future__ import annotations

import pytest

from researchnb.citations.citekeys import base_citekey, unique_citekey
from researchnb.citations.translit import transliterate
from researchnb.domain import Conflict, Creator, InvalidInput, Source


def test_cyrillic_book_gets_ala_lc_key(nb):
    src = nb.sources.add(Source(kind="book", title="Ядерный загар", date="2002",
                               creators=[Creator(family="Медведев", given="Жорес")])).value
    assert src.citekey == "medvedevIadernyiZagar2002"
    assert nb.sources.get(src.key).citekey == "medvedevIadernyiZagar2002"


def test_authorless_archival_item_gets_shelfmark_key(nb):
    src = nb.sources.add(Source(kind="archival", title="Протокол", archive_abbr="ЦГАМО",
                               fond="415", opis="16", delo="312", date="1931")).value
    assert src.citekey == "tsgamo_415_16_312"


@pytest.mark.parametrize("title, family, date, expected", [
    ("Ascribing Class: The Construction of Social Identity in Soviet Russia", "Fitzpatrick",
     "1993", "fitzpatrickAscribingClassConstruction1993"),
    ("Полимеразная цепная реакция (ПЦР), как эффективный метод", "Романько", "2022-05-06",
     "romankoPolimeraznaiaTsepnaiaReaktsiia2022"),
    ("Stalin's Peasants", "Fitzpatrick", "1994~", "fitzpatrickStalinsPeasants1994"),
    ("Щит и меч", "Юдин", "1930/1935", "iudinShchitMech1930"),
])
def test_published_keys(title, family, date, expected):
    src = Source(kind="book", title=title, date=date, creators=[Creator(family=family)])
    assert base_citekey(src) == expected


def test_transliteration_drops_signs_and_keeps_abbreviations():
    assert transliterate("Подъезд Ильича") == "Podezd Ilicha"
    assert transliterate("ЦГАМО") == "TsGAMO"
    assert transliterate("Щербаков, Юрий, Ёлкин") == "Shcherbakov, Iurii, Elkin"


def test_colliding_sources_get_a_and_b(nb):
    made = [nb.sources.add(Source(kind="book", title="Ядерный загар", date="2002",
                                 creators=[Creator(family="Медведев")])).value for _ in range(3)]
    assert [s.citekey for s in made] == ["medvedevIadernyiZagar2002",
                                         "medvedevIadernyiZagar2002a",
                                         "medvedevIadernyiZagar2002b"]


def test_uniqueness_ignores_letter_case(nb):
    nb.sources.add(Source(kind="book", title="X", citekey="LiuWords2022"))
    src = nb.sources.add(Source(kind="book", title="Words", date="2022",
                               creators=[Creator(family="Liu")])).value
    assert src.citekey == "liuWords2022a"
    assert unique_citekey("liu2022", ["Liu2022", "LIU2022A"]) == "liu2022b"


def test_editing_the_title_keeps_the_key(nb):
    src = nb.sources.add(Source(kind="book", title="Ядерный загар", date="2002",
                               creators=[Creator(family="Медведев")])).value
    edited = nb.sources.edit(src.key, {"title": "Совсем другое название", "date": "1990"},
                            [Creator(family="Иванов")]).value
    assert edited.citekey == "medvedevIadernyiZagar2002"


def test_user_may_set_a_key_but_not_a_broken_or_taken_one(nb):
    a = nb.sources.add(Source(kind="book", title="One", citekey="myKey")).value
    assert a.citekey == "myKey"
    b = nb.sources.add(Source(kind="book", title="Two")).value
    assert nb.sources.edit(b.key, {"citekey": "other-key:2"}).value.citekey == "other-key:2"
    with pytest.raises(Conflict):
        nb.sources.edit(b.key, {"citekey": "MYKEY"})
    with pytest.raises(InvalidInput):
        nb.sources.edit(b.key, {"citekey": "has space"})
    with pytest.raises(InvalidInput):
        nb.sources.add(Source(kind="book", title="Three", citekey="1starts-with-digit"))
    assert nb.sources.get(b.key).citekey == "other-key:2"


def test_keys_are_ascii_and_start_with_a_letter():
    src = Source(kind="other", title="1937: год", creators=[])
    key = base_citekey(src)
    assert key.isascii() and key[0].isalpha()
