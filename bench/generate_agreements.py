"""Agreements of the bench data set, generated after the funding records (bench/run.py).

At scale factor 1: 20,000 agreements of the six default types, across their life cycle (most
active or expired, some drafts, a few terminated), with dates consistent with the status
(signed, start, end, ended), 1-3 parties each (the first the donor when the type carries a
value), a value in its currency with the USD conversion for the types that carry one (a third
of those made from a pledge, with its partner and amount), and 0-4 obligations each, done or
waived when long past, open or submitted otherwise (some overdue). Deterministic for a given
scale and day."""

import random
import time
from datetime import date, timedelta

from django.db import connection, transaction

from accord.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementType,
    Obligation,
    ObligationKind,
    PartyRole,
)
from accord.funding.models import Pledge
from bench.generate_engagement import TOPICS
from bench.generate_funding import CHUNK, Funding, stamp
from bench.loading import Table, analyze, next_id, reset_sequences

AGREEMENTS_GENERATOR_VERSION = 1
SEED = 20200801
AGREEMENTS_AT_1 = 20_000
STATUS_WEIGHTS = {
    AgreementStatus.DRAFT: 8,
    AgreementStatus.UNDER_REVIEW: 6,
    AgreementStatus.SIGNED: 6,
    AgreementStatus.ACTIVE: 40,
    AgreementStatus.EXPIRED: 30,
    AgreementStatus.TERMINATED: 4,
    AgreementStatus.CLOSED: 6,
}
TYPE_WEIGHTS = {
    "mou": 30,
    "letter_of_intent": 10,
    "framework": 15,
    "contribution": 30,
    "joint_programme": 10,
    "host_country": 5,
}
OTHER_ROLES = [PartyRole.IMPLEMENTING, PartyRole.CO_SIGNATORY, PartyRole.HOST,
               PartyRole.BENEFICIARY]  # fmt: skip
AGREEMENT_COLUMNS = (
    "id", "created_at", "updated_at", "version", "reference", "title", "type_id", "status",
    "status_changed_at", "amount", "currency", "value_date", "amount_usd", "usd_rate",
    "rate_source", "pledge_id", "signed_on", "start_date", "end_date", "ended_on", "end_reason",
    "flagship_id", "owner_id", "region_id", "is_demo",
)  # fmt: skip
OBLIGATION_COLUMNS = (
    "created_at", "updated_at", "version", "agreement_id", "kind", "title", "due_date",
    "owner_id", "status", "completed_on", "is_demo",
)  # fmt: skip


def agreement_count(scale: float) -> int:
    return max(200, round(AGREEMENTS_AT_1 * scale))


class AgreementGenerator:
    def __init__(self, scale: float):
        self.n = agreement_count(scale)
        self.f = Funding(random.Random(SEED))
        self.rng = self.f.rng
        self.today = self.f.today
        self.types = dict(AgreementType.objects.values_list("code", "id"))
        self.valued = set(
            AgreementType.objects.filter(has_value=True).values_list("code", flat=True)
        )
        self.pledges = list(
            Pledge.objects.exclude(status="cancelled")
            .order_by("id")
            .values_list(
                "id",
                "organisation_id",
                "region_id",
                "amount",
                "currency",
                "value_date",
                "amount_usd",
                "usd_rate",
                "rate_source",
                "flagship_id",
            )  # fmt: skip
        )

    def dates(self, status: str) -> tuple:
        """(signed_on, start, end, ended_on, changed) consistent with the status."""
        rng, today, f = self.rng, self.today, self.f
        years = timedelta(days=365 * rng.randint(1, 5))
        if status in (AgreementStatus.DRAFT, AgreementStatus.UNDER_REVIEW):
            start = today + timedelta(days=rng.randint(30, 240))
            return None, start, start + years, None, today - timedelta(days=rng.randint(0, 300))
        if status == AgreementStatus.SIGNED:
            signed = today - timedelta(days=rng.randint(1, 90))
            start = today + timedelta(days=rng.randint(1, 120))
            return signed, start, start + years, None, signed
        if status == AgreementStatus.ACTIVE:
            end = today + timedelta(days=rng.randint(30, 4 * 365))
            start = max(end - years, f.day_between(date(2017, 1, 1), today))
            start = min(start, today)
            signed = start - timedelta(days=rng.randint(0, 60))
            return signed, start, end, None, start
        end = f.day_between(date(2019, 1, 1), today - timedelta(days=1))
        start = end - years
        signed = start - timedelta(days=rng.randint(0, 60))
        if status == AgreementStatus.TERMINATED:
            ended = f.day_between(start, end)
        elif status == AgreementStatus.CLOSED:
            ended = min(today, end + timedelta(days=rng.randint(30, 180)))
        else:
            ended = end
        return signed, start, end, ended, ended

    def value(self, code: str, start: date) -> tuple:
        """(money columns, pledge id, partner, flagship) of the agreement."""
        f, rng = self.f, self.rng
        if code not in self.valued:
            return (None, "", None, None, None, ""), None, None, f.flagship()
        if self.pledges and rng.random() < 0.33:
            pledge = rng.choice(self.pledges)
            return pledge[3:9], pledge[0], (pledge[1], None, pledge[2]), pledge[9]
        day = min(f.today, max(date(2018, 1, 1), start))
        return f.money(f.usd_value(), day), None, None, f.flagship()

    def obligations(self, agreement_id: int, start: date, end: date, status: str) -> list:
        f, rng, today = self.f, self.rng, self.today
        rows = []
        for _ in range(rng.choices((0, 1, 2, 3, 4), (25, 20, 25, 15, 15))[0]):
            kind = rng.choice(ObligationKind.values)
            due = f.day_between(start, end)
            created = stamp(min(today, start), rng)
            roll = rng.random()
            if due < today - timedelta(days=60) or status == AgreementStatus.CLOSED:
                state = "done" if roll < 0.85 else "waived" if roll < 0.9 else "open"
            elif due < today:
                state = "done" if roll < 0.5 else "submitted" if roll < 0.7 else "open"
            else:
                state = "submitted" if roll < 0.1 else "open"
            completed = min(today, due + timedelta(days=rng.randint(-20, 30)))
            rows.append(
                (
                    created, created, 1, agreement_id, kind,
                    f"{ObligationKind(kind).label} {due.year}", due, rng.choice(f.owners), state,
                    completed if state == "done" else None, False,
                )
            )  # fmt: skip
        return rows

    def agreement(self, agreement_id: int, rows: dict) -> None:
        f, rng = self.f, self.rng
        code = rng.choices(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()))[0]
        status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        signed, start, end, ended, changed = self.dates(status)
        money, pledge_id, donor, flagship = self.value(code, start)
        parties = [donor or f.partner()]
        for _ in range(rng.choices((0, 1, 2), (40, 40, 20))[0]):
            other = f.partner()
            if other[0] not in {p[0] for p in parties}:
                parties.append(other)
        created = stamp(min(changed, start, f.today), rng)
        rows["agreements"].append(
            (
                agreement_id, created, stamp(min(changed, f.today), rng), 1,
                f"BENCH-{agreement_id:06d}", f"{rng.choice(TOPICS).capitalize()} cooperation",
                self.types[code], status, stamp(min(changed, f.today), rng), *money, pledge_id,
                signed, start, end, ended,
                "Ended early by mutual consent." if status == AgreementStatus.TERMINATED else "",
                flagship, rng.choice(f.owners), parties[0][2], False,
            )
        )  # fmt: skip
        for index, party in enumerate(parties):
            role = (
                PartyRole.DONOR
                if index == 0 and code in self.valued
                else (PartyRole.CO_SIGNATORY if index == 0 else rng.choice(OTHER_ROLES))
            )
            rows["parties"].append((agreement_id, party[0], role, "", signed))
        rows["obligations"].extend(self.obligations(agreement_id, start, end, status))

    def run(self) -> dict[str, int]:
        tables = {
            "agreements": Table(Agreement, AGREEMENT_COLUMNS),
            "parties": Table(
                AgreementParty,
                ("agreement_id", "organisation_id", "role", "signatory_name", "signed_on"),
            ),
            "obligations": Table(Obligation, OBLIGATION_COLUMNS),
        }
        totals = dict.fromkeys(tables, 0)
        agreement_id = next_id(Agreement)
        for chunk_start in range(0, self.n, CHUNK):
            rows = {name: [] for name in tables}
            for _ in range(min(CHUNK, self.n - chunk_start)):
                self.agreement(agreement_id, rows)
                agreement_id += 1
            with transaction.atomic():
                for name, table in tables.items():
                    totals[name] += table.load(rows[name])
        return {f"agreement_{k}" if k != "agreements" else k: v for k, v in totals.items()}


def generate_agreements(scale: float, *, out=print) -> dict[str, int]:
    out(f"Generating {agreement_count(scale):,} agreements on {connection.vendor}…")
    started = time.perf_counter()
    totals = AgreementGenerator(scale).run()
    reset_sequences([Agreement, AgreementParty, Obligation])
    analyze()
    totals["agreement_seconds"] = round(time.perf_counter() - started, 1)
    out("  " + ", ".join(f"{key} {value}" for key, value in totals.items()))
    return totals
