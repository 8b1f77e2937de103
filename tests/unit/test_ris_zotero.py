"""RIS read back the way Zotero's RIS translator reads it (issue 17, acceptance 3).

ZOTERO_TYPES and ZOTERO_CREATORS are facts from the tag table of Zotero's RIS translator
(zotero/translators, RIS.js, 2026): which item type a `TY` becomes and which creator role a
tag becomes for that item type. A tag without an entry for the item type is not a creator
(Zotero stores the line as a note).
"""

from __future__ import annotations

from researchnb.citations.ris import write_ris
from researchnb.domain import Creator, Source

ZOTERO_TYPES = {"BOOK": "book", "CHAP": "bookSection", "JOUR": "journalArticle",
                "PCOMM": "letter", "MANSCPT": "manuscript", "THES": "thesis",
                "NEWS": "newspaperArticle", "ELEC": "webpage", "GEN": "journalArticle",
                "RPRT": "report"}
# tag -> {item type: creator role}; "*" is the tag's default for every other type.
ZOTERO_CREATORS = {
    "AU": {"*": "author", "interview": "interviewee"},
    "A2": {"interview": "interviewer", "journalArticle": "editor", "bookSection": "editor",
           "document": "editor", "book": "seriesEditor", "report": "seriesEditor",
           "letter": "recipient", "email": "recipient"},
    "A3": {"thesis": "contributor", "book": "editor", "bookSection": "seriesEditor"},
    "A4": {"*": "translator"},
    "ED": {"*": "editor"},
}


def zotero_read(ris: str) -> list[dict]:
    """Items as Zotero would make them: type, creators (name, role), notes, fields."""
    items: list[dict] = []
    item: dict = {}
    for line in ris.splitlines():
        if not line.strip():
            continue
        tag, _, value = line.partition("  - ")
        if tag == "TY":
            item = {"type": ZOTERO_TYPES.get(value, "journalArticle"), "creators": [],
                    "notes": [], "fields": {}}
        elif tag == "ER":
            items.append(item)
        elif tag in ZOTERO_CREATORS:
            roles = ZOTERO_CREATORS[tag]
            role = roles.get(item["type"], roles.get("*"))
            if role:
                item["creators"].append((value, role))
            else:
                item["notes"].append(line)
        elif tag == "N1":
            item["notes"].append(value)
        else:
            item["fields"][tag] = value
    return items


def _sources() -> list[Source]:
    return [
        Source(kind="book", title="Stalinism: New Directions", date="2000", citekey="ed",
               creators=[Creator("Fitzpatrick", "Sheila", role="editor")],
               publisher="Routledge", place="London"),
        Source(kind="letter", title="Letter about the harvest", date="1922-06-14",
               citekey="letter", creators=[Creator("Ivanov", "Petr"),
                                           Creator("Petrov", "Ivan", role="recipient")],
               archive="Russian State Archive of Socio-Political History",
               archive_abbr="RGASPI", archive_place="Moscow", fond="17", opis="84",
               delo="343", call_number="Box 143, Folder 7"),
        Source(kind="other", title="Peasant Letters to the Bolsheviks", date="1998",
               citekey="thesis", genre="PhD dissertation", publisher="University of Chicago",
               creators=[Creator("Smith", "Anna"), Creator("Jones", "Bob", role="contributor")]),
        Source(kind="interview", title="Interview about collectivisation", date="1990-05-02",
               citekey="intv", creators=[Creator("Sidorova", "Maria"),
                                         Creator("Kotkin", "Stephen", role="interviewer")]),
    ]


def test_zotero_reads_the_item_types_and_creator_roles():
    book, letter, thesis, interview = zotero_read(write_ris(_sources()))
    assert book["type"] == "book"
    assert book["creators"] == [("Fitzpatrick, Sheila", "editor")]
    assert letter["type"] == "letter"
    assert letter["creators"] == [("Ivanov, Petr", "author"), ("Petrov, Ivan", "recipient")]
    assert thesis["type"] == "thesis"
    assert thesis["creators"] == [("Smith, Anna", "author"), ("Jones, Bob", "contributor")]
    # RIS has no type Zotero reads as an interview (Zotero writes interviews as PCOMM too):
    # it comes back a letter, the interviewer kept in words rather than as a recipient.
    assert interview["type"] == "letter"
    assert interview["creators"] == [("Sidorova, Maria", "author")]
    assert "Interviewer: Kotkin, Stephen" in interview["notes"]
    assert interview["fields"]["M3"] == "Interview"


def test_full_dates_and_the_archival_location_reach_zotero_fields():
    _book, letter, _thesis, interview = zotero_read(write_ris(_sources()))
    assert letter["fields"]["DA"] == "1922/06/14/"
    assert letter["fields"]["PY"] == "1922"
    assert letter["fields"]["DB"] == ("Russian State Archive of Socio-Political History "
                                      "(RGASPI)")
    assert letter["fields"]["AN"] == "RGASPI, f. 17, op. 84, d. 343"
    assert letter["fields"]["CN"] == "Box 143, Folder 7"
    assert letter["fields"]["CY"] == "Moscow"
    assert interview["fields"]["DA"] == "1990/05/02/"


def test_a_chapter_names_the_book_editors_in_a2_and_a_recipient_of_a_manuscript_in_a_note():
    chapter = Source(kind="chapter", title="Ch", container_title="Book", citekey="ch",
                     creators=[Creator("A", "B"), Creator("Ed", "Itor", role="editor")])
    memo = Source(kind="archival", title="Memo", citekey="memo",
                  creators=[Creator("Molotov", "V."), Creator("Stalin", "I.",
                                                              role="recipient")])
    ch, mm = zotero_read(write_ris([chapter, memo]))
    assert ch["type"] == "bookSection" and ("Ed, Itor", "editor") in ch["creators"]
    assert mm["type"] == "manuscript"
    assert mm["creators"] == [("Molotov, V.", "author")]
    assert "Recipient: Stalin, I." in mm["notes"]
