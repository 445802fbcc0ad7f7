"""Word lists of the name normaliser (all lower-case ASCII, as `search.normalise` gives them).

Kept as data so a reviewer can read what the matcher ignores, expands or translates; the
translations of organisation words into English are in accord/partners/data/
name_translations.csv (one English word, then the French, Spanish, Portuguese, German,
Italian or Dutch words it stands for)."""

import csv
from pathlib import Path

TRANSLATIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "name_translations.csv"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _translations() -> dict[str, str]:
    with open(TRANSLATIONS_FILE, encoding="utf-8", newline="") as f:
        return {word: row["english"] for row in csv.DictReader(f) for word in row["words"].split()}


# Articles: they carry no identity ("The World Bank" = "World Bank").
ARTICLES = _words(
    """
    a al an das dem den der des die el gli il l la las le les lo los o os the
    """
)

# Connecting words, in the languages of the registry.
CONNECTORS = _words(
    """
    and at au aux avec by com compris con d da dans das de del della delle di do dos du e
    en entre et for fur hors in incluido na no nos of on or ou par para per por pour
    seulement sobre to tous toutes un und une uniquement van von voor with y
    """
)

# Legal-form words (dotted ones once collapsed: "S.A." -> "sa"), "Group", "Foundation",
# "Association" and their translations.
LEGAL_FORMS = _words(
    """
    ab ad ag aisbl as asbl asociacion associacao association associazione bhd bv cic cjsc
    cv doo eirl ev fondation fondazione foundation fundacao fundacion fundatia ggmbh gie
    gmbh group groupe grupo holding holdings inc incorporated jsc kft kg kk limited llc
    llp lp ltd ltda mbh nv oao ojsc ooo oy oyj pjsc plc pt pty pvt sa saa sab sac sae sapi
    sarl sas sca scs sdn sl sp spa srl stichting stiftung tbk tov ug verein vereniging vzw
    zao zoo
    """
)

# Common abbreviations and spelling variants, to one canonical word.
# fmt: off
ABBREVIATIONS = {
    "intl": "international", "int": "international", "internat": "international",
    "natl": "national", "nat": "national", "dev": "development", "devt": "development",
    "corp": "corporation", "assn": "association", "assoc": "association", "asso": "association",
    "univ": "university", "uni": "university", "inst": "institute", "dept": "department",
    "govt": "government", "gov": "government", "min": "ministry", "mgmt": "management",
    "ctr": "centre", "cntr": "centre", "center": "centre", "centers": "centres",
    "org": "organisation", "organization": "organisation", "organizations": "organisations",
    "program": "programme", "programs": "programmes", "labor": "labour", "defense": "defence",
    "st": "saint", "ste": "sainte", "mt": "mount", "fdn": "foundation", "soc": "society",
    "coop": "cooperative", "bros": "brothers", "co": "company", "cie": "company",
    "cia": "company", "svcs": "services", "mfa": "ministry foreign affairs",
}
# fmt: on

# Organisation words in other languages, to English: the same body is registered under its
# original name and its English one.
TRANSLATIONS = _translations()

# Words that oppose one another: never a misspelling of each other ("Northern" / "Southern").
CONTRASTS = _words(
    """
    central east eastern este first i ii iii iv ix lower nord noreste noroeste norte north
    northeast northeastern northern northwest northwestern oeste ouest second south
    southeast southeastern southern southwest southwestern sur sureste suroeste third
    upper v vi vii viii west western x xi xii
    """
)

# Words naming a body of an organisation: "Executive Board of the World Food Programme" is
# not the World Food Programme.
PART_WORDS = _words(
    """
    annex assembly board branch bureau campus chapter committee council division executive
    extension panel secretariat sede subcommittee unidad unit
    """
)

# Prefixes written joined, hyphenated or apart: "Inter-American" = "Interamerican".
JOIN_PREFIXES = _words(
    """
    agro anti bi co inter intra macro micro multi non pan post pre socio sub trans
    """
)

# Words that many different organisations share: they count little when names are compared.
GENERIC = _words(
    """
    affairs agencies agency agricultural alliance authority bank board centre centres city
    commission commissioner committee community company cooperation corporation council
    credit department development economic education facility federal federation finance
    financial foreign fund general global government group health high higher human
    initiative institute institution institutions international investment local
    management ministry municipality national nations network new office organisation
    organisations partnership programme programmes project public regional republic
    research rights secretariat services social society special state support system
    technical trade trust union united university urban world
    """
)

# Domains many unrelated organisations share: sub-domains and first path segments tell them
# apart.
SHARED_HOSTS = _words(
    """
    canada.ca europa.eu gc.ca gob.mx gov.br gov.co gov.uk govt.nz ilo.org un.org
    unesco.org unmissions.org usa.gov who.int
    """
)

# Domains that say nothing about an organisation (free mail, site builders, social media).
IGNORED_DOMAINS = _words(
    """
    126.com 163.com aol.com blogspot.com example.com example.net example.org facebook.com
    free.fr github.io gmail.com gmx.de gmx.net google.com googlemail.com hotmail.com
    hotmail.fr icloud.com instagram.com linkedin.com live.com mail.com mail.ru me.com
    msn.com orange.fr outlook.com proton.me protonmail.com qq.com sina.com
    sites.google.com twitter.com wanadoo.fr web.de wixsite.com wordpress.com x.com
    yahoo.co.uk yahoo.com yahoo.fr yandex.ru
    """
)

# Second-level labels under a country code: "nairobi.go.ke" is registered as "nairobi.go.ke".
SECOND_LEVEL = _words(
    """
    ac co com edu go gob gov int ltd mil ne net nhs nic or org plc sch
    """
)
