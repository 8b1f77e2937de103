"""The test notebook of issue 5: 30+ sources of every kind, for export and round-trip tests.

Cyrillic and Latin titles, corporate and personal creators, uncertain and ranged EDTF dates,
and titles full of the characters LaTeX chokes on.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from researchnb.domain import Creator, Source

SPECIALS = "% & # _ $ { } ~ ^"
UNESCAPED = re.compile(r"(?<!\\)[%&#_$]")


def P(family: str, given: str = "", role: str = "author") -> Creator:
    return Creator(family=family, given=given, role=role)


def C(name: str, role: str = "author") -> Creator:
    return Creator(literal=name, role=role)


def archival(title: str, **kw) -> Source:
    base = dict(archive="Российский государственный архив социально-политической истории",
                archive_abbr="РГАСПИ", archive_place="Москва", fond="17", opis="84",
                delo="343", language="ru")
    base.update(kw)
    return Source(kind="archival", title=title, **base)


def sample_sources() -> list[Source]:
    """33 sources; every kind at least twice."""
    return [
        archival("Протокол заседания Оргбюро № 12", date="1931-03-14", genre="протокол",
                 creators=[C("Оргбюро ЦК ВКП(б)")], fond_title="Оргбюро ЦК ВКП(б)"),
        archival("Докладная записка о хлебозаготовках", date="1930/1932", folio="5-7",
                 opis="162", delo="9"),
        archival("Report on the 50% quota & #2 plan_b for $ {sic} ~ ^", date="1929?",
                 archive="Russian State Archive of Socio-Political History",
                 archive_abbr="RGASPI", archive_place="Moscow", delo="344", language="en",
                 genre="report"),
        archival("Протокол заседания президиума Мособлисполкома", date="1934~",
                 archive="Центральный государственный архив Московской области",
                 archive_abbr="ЦГАМО", fond="415", opis="16", delo="312", folio="12ob",
                 fond_title="Мособлисполком"),
        archival("Minutes of the cell bureau", date="192X", archive="Hoover Institution "
                 "Library & Archives", archive_abbr="HIA", archive_place="Stanford, CA",
                 fond="89", opis="", delo="1102", language="en"),
        archival("Personal file of a Red Army commander", date="1937-06-11",
                 archive_abbr="RGVA", archive="Russian State Military Archive",
                 archive_place="Moscow", fond="37837", opis="10", delo="142",
                 call_number="RGVA 37837/10/142", language="en"),
        Source(kind="book", title="Ядерный загар", date="2002",
               creators=[P("Медведев", "Жорес")], publisher="Время", place="Москва",
               language="ru"),
        Source(kind="book", title="Everyday Stalinism: Ordinary Life in Extraordinary Times",
               date="1999", creators=[P("Fitzpatrick", "Sheila")],
               publisher="Oxford University Press", place="New York", language="en"),
        Source(kind="book", title="Stalin's Peasants", date="1994",
               creators=[P("Fitzpatrick", "Sheila"), P("Hellbeck", "Jochen", "editor")],
               publisher="Oxford University Press", place="Oxford", language="en"),
        Source(kind="book", title="История ВКП(б): Краткий курс", date="1938",
               creators=[C("Комиссия ЦК ВКП(б)")], publisher="Госполитиздат",
               place="Москва", language="ru"),
        Source(kind="book", title="Magnetic Mountain: Stalinism as a Civilization",
               date="1995", creators=[P("Kotkin", "Stephen"),
                                      P("Petrov", "Ivan", "translator")],
               publisher="University of California Press", place="Berkeley", language="en",
               volume="2"),
        Source(kind="book", title="Costs & Benefits: 100% of $5 ~ ^ for_all #1",
               date="2001-05", creators=[P("Smith", "Jane")], publisher="Acme & Sons",
               place="London", language="en"),
        Source(kind="article", title="Ascribing Class: The Construction of Social Identity "
               "in Soviet Russia", date="1993", creators=[P("Fitzpatrick", "Sheila")],
               container_title="Journal of Modern History", volume="65", issue="4",
               pages="745–770", doi="10.1086/244724", language="en"),
        Source(kind="article", title="Полимеразная цепная реакция (ПЦР) как метод",
               date="2022-05-06", creators=[P("Романько", "Александр"),
                                            P("Имянитов", "Евгений")],
               container_title="Вопросы онкологии", volume="68", issue="2",
               pages="182–187", language="ru", url="https://example.org/a?x=1&y=2_3"),
        Source(kind="article", title="The {Gulag} in numbers: 10% & more",
               date="1993~", creators=[P("Getty", "J. Arch"), P("Rittersporn", "Gábor")],
               container_title="American Historical Review", volume="98", issue="4",
               pages="1017-1049", language="en"),
        Source(kind="article", title="Über die Kollektivierung", date="1930/1931",
               creators=[P("Müller", "Jürgen")], container_title="Osteuropa", volume="5",
               language="de"),
        Source(kind="chapter", title="Stalin and the making of a new elite", date="1992",
               creators=[P("Fitzpatrick", "Sheila"), P("Siegelbaum", "Lewis", "editor")],
               container_title="The Cultural Front", publisher="Cornell University Press",
               place="Ithaca", pages="149–182", language="en"),
        Source(kind="chapter", title="Советская деревня в 1930-е годы", date="2005",
               creators=[P("Кондрашин", "Виктор"), P("Данилов", "Виктор", "editor")],
               container_title="Трагедия советской деревни", publisher="РОССПЭН",
               place="Москва", pages="10–45", language="ru"),
        Source(kind="chapter", title="Notes on _ and ^ in $ pricing", date="2010?",
               creators=[P("Doe", "John"), P("Roe", "Richard", "editor")],
               container_title="Symbols & Signs", publisher="Pub", place="Paris",
               language="en"),
        Source(kind="newspaper", title="Головокружение от успехов", date="1930-03-02",
               creators=[P("Сталин", "Иосиф")], container_title="Правда", issue="60",
               language="ru"),
        Source(kind="newspaper", title="Soviet Famine Denied", date="1933-08-23",
               creators=[P("Duranty", "Walter")], container_title="The New York Times",
               pages="1", language="en"),
        Source(kind="newspaper", title="Передовая: о хлебозаготовках", date="1932~",
               creators=[C("Редакция газеты «Известия»")], container_title="Известия",
               language="ru"),
        Source(kind="letter", title="Письмо Сталину о положении в деревне", date="1932-06",
               creators=[P("Шолохов", "Михаил"), P("Сталин", "Иосиф", "recipient")],
               archive_abbr="АПРФ", archive="Архив Президента Российской Федерации",
               archive_place="Москва", fond="3", opis="61", delo="549", language="ru"),
        Source(kind="letter", title="Letter to Colonel House", date="1918-09-25",
               creators=[P("Creel", "George"), P("House", "Edward", "recipient")],
               archive="Yale University Library", fond_title="Edward M. House Papers",
               language="en"),
        Source(kind="letter", title="Letter from the front", date="1943?",
               creators=[P("Ivanov", "Petr")], language="en"),
        Source(kind="interview", title="Interview about collectivisation", date="1992-07-14",
               creators=[P("Petrova", "Anna"), P("Smith", "Karen", "interviewer")],
               genre="oral history interview", language="en"),
        Source(kind="interview", title="Интервью с ветераном", date="1995/1996",
               creators=[P("Кузнецов", "Николай"), P("Орлова", "Мария", "interviewer")],
               archive="Архив общества «Мемориал»", archive_abbr="Мемориал", fond="1", delo="22",
               language="ru"),
        Source(kind="web", title="Stalin Digital Archive", date="2013",
               creators=[C("Yale University Press")], container_title="SDA",
               url="https://www.stalindigitalarchive.com/path_with_underscore%20x",
               language="en"),
        Source(kind="web", title="Открытый список репрессированных", date="2016~",
               creators=[C("Открытый список")], url="https://ru.openlist.wiki/",
               language="ru"),
        Source(kind="other", title="Map of the Moscow region", date="1935",
               creators=[C("Mosgorispolkom")], publisher="Mosgiz", place="Moscow",
               language="en"),
        Source(kind="other", title="Листовка ко Дню урожая", date="1933?",
               language="ru"),
        Source(kind="other", title="Poster: 5 years in 4!", date="1930/1933",
               creators=[P("Klutsis", "Gustav")], language="en"),
        Source(kind="book", title="Tilde ~ and caret ^ and braces { } in a title",
               date="2020", creators=[P("O'Brien", "Liam")], publisher="X", place="Y",
               language="en"),
    ]


def make_notebook(nb) -> list[Source]:
    return [nb.sources.add(s).value for s in sample_sources()]


def tool(name: str) -> str | None:
    return shutil.which(name)


def biber_warnings(path: Path) -> tuple[int, list[str]]:
    proc = subprocess.run(["biber", "--tool", "--validate-datamodel", "--nolog",
                           "--output-file=/dev/null", str(path)], capture_output=True,
                          text=True, timeout=120)
    lines = (proc.stdout + proc.stderr).splitlines()
    return proc.returncode, [line for line in lines if "WARN" in line or "ERROR" in line]


def bibtex_run(folder: Path, name: str) -> subprocess.CompletedProcess:
    (folder / f"{name}.aux").write_text(
        "\\citation{*}\n\\bibstyle{plain}\n\\bibdata{" + name + "}\n", encoding="utf-8")
    return subprocess.run(["bibtex", "-terse", name], cwd=folder, capture_output=True,
                          text=True, timeout=120)


def unescaped_specials(bib: str) -> list[str]:
    """Field lines (outside url and doi) with a raw % & # _ $."""
    bad = []
    for line in bib.splitlines():
        found = re.match(r"\s*(\w+)\s*=\s*\{(.*)\},?$", line)
        if not found or found.group(1) in ("url", "doi"):
            continue
        if UNESCAPED.search(found.group(2)):
            bad.append(line)
    return bad
