"""The due-diligence checklist as data: the UN exclusionary criteria (the UN Guidelines on a
principle-based approach to cooperation with the business sector, and UN-Habitat's own
screening) and participation in the UN Global Compact.

Each criterion is answered clear / concern / unknown with a note; the sanctions criterion is not
answered by hand: it is filled from the partner's screening status. A review's `checklist`
field stores {code: {"answer": ..., "note": ...}}."""

from dataclasses import dataclass

CLEAR, CONCERN, UNKNOWN = "clear", "concern", "unknown"
ANSWERS = (
    (CLEAR, "Clear"),
    (CONCERN, "Concern"),
    (UNKNOWN, "Unknown"),
)
ANSWER_CODES = frozenset(code for code, _ in ANSWERS)
SANCTIONS = "sanctions"


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    question: str
    automatic: bool = False  # filled from screening, not answered by hand


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        SANCTIONS,
        "Sanctions",
        "Is the partner, or one of its contacts, on the UN Security Council sanctions list?",
        automatic=True,
    ),
    Criterion(
        "weapons",
        "Weapons and armaments",
        "Does it manufacture, sell or distribute armaments, weapons or their components "
        "(including cluster munitions and anti-personnel mines)?",
    ),
    Criterion(
        "tobacco",
        "Tobacco",
        "Is it part of the tobacco industry, or does it promote tobacco products?",
    ),
    Criterion(
        "human_rights",
        "Human-rights violations",
        "Is it complicit in human-rights abuses, or does it violate them (including forced "
        "evictions and the rights of indigenous peoples)?",
    ),
    Criterion(
        "labour",
        "Labour rights",
        "Does it use forced or compulsory labour or child labour, or deny freedom of "
        "association and collective bargaining?",
    ),
    Criterion(
        "environment",
        "Environmental violations",
        "Has it been found responsible for serious or repeated environmental damage?",
    ),
    Criterion(
        "corruption",
        "Corruption and fraud",
        "Has it been found engaged in corruption, fraud, extortion or bribery?",
    ),
)
BY_CODE = {c.code: c for c in CRITERIA}
MANUAL = tuple(c for c in CRITERIA if not c.automatic)

GLOBAL_COMPACT = (
    ("participant", "Participant"),
    ("not", "Not a participant"),
    ("unknown", "Unknown"),
)


def answer_label(code: str) -> str:
    return dict(ANSWERS).get(code, "Not answered")


def sanctions_answer(*, blocking: int, confirmed: int, screened: bool) -> dict:
    """The sanctions criterion as screening says it: a concern while a hit is open or
    confirmed, clear when the partner was screened without one, unknown before any screening."""
    if confirmed:
        return {"answer": CONCERN, "note": f"{confirmed} confirmed sanctions match(es)."}
    if blocking:
        return {"answer": CONCERN, "note": f"{blocking} possible match(es) not reviewed yet."}
    if screened:
        return {"answer": CLEAR, "note": "Screened: no open or confirmed match."}
    return {"answer": UNKNOWN, "note": "Not screened yet (no sanctions list loaded)."}


def rows(checklist: dict) -> list[dict]:
    """The checklist for a page: each criterion with its answer and note, in order."""
    out = []
    for c in CRITERIA:
        given = checklist.get(c.code) or {}
        answer = given.get("answer", "")
        out.append({
            "criterion": c, "answer": answer, "answer_label": answer_label(answer),
            "note": given.get("note", ""),
        })
    return out


def problems(checklist: dict) -> dict[str, str]:
    """What stops a checklist from being submitted, by criterion code: a criterion without an
    answer, or a concern without a note saying what it is."""
    found = {}
    for c in CRITERIA:
        given = checklist.get(c.code) or {}
        if given.get("answer") not in ANSWER_CODES:
            found[c.code] = f"Answer “{c.label}”."
        elif given["answer"] == CONCERN and not given.get("note", "").strip() and not c.automatic:
            found[c.code] = f"Say what the concern about “{c.label}” is."
    return found
