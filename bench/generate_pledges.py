"""Pledges, their payment schedules and the contributions received, for the bench data set
(called by bench/generate_funding.py, which holds the shared draws).

At scale factor 1: 200,000 pledges (about one in eight made from a won opportunity, with its
partner, amount and programme), each with 1-4 instalments due from 2019 to the end of next year
whose amounts add up exactly to the pledge's, in its currency and in USD (accord.core.money.split,
as the services split them). 200,000 contributions: about 88 % paid against an instalment
(older instalments are more often paid; most in full, some in part, some in two payments, a few
overpaid), in the pledge's currency or now and then in US dollars (`pledge_amount` then goes
through USD at the month's rate), the rest standalone gifts. Every contribution has 1-3
allocations adding up exactly to it in both currencies, in the year it was received; 3 % have a
soft credit. Instalment and pledge received sums and payment statuses follow from the
contributions, as the services keep them."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accord.core.money import split, to_cents
from accord.funding.models import (
    Allocation,
    Contribution,
    Instalment,
    Pledge,
    SoftCredit,
)
from accord.funding.schedules import payment_status
from bench.generate_engagement import TOPICS
from bench.generate_funding import CHUNK, Funding, stamp
from bench.loading import Table, next_id

ATTACHED_SHARE = 0.88
CONTRIBUTIONS_PER_PAID_INSTALMENT = 1.1
INSTALMENT_COUNTS, INSTALMENT_WEIGHTS = (1, 2, 3, 4), (50, 25, 15, 10)
ALLOCATION_COUNTS, ALLOCATION_WEIGHTS = (1, 2, 3), (70, 22, 8)
PLEDGE_COLUMNS = (
    "id", "created_at", "updated_at", "version", "amount", "currency", "value_date",
    "amount_usd", "usd_rate", "rate_source", "organisation_id", "opportunity_id", "title",
    "kind", "status", "payment_status", "received_amount", "received_usd", "flagship_id",
    "region_id", "cancelled_reason", "is_demo",
)  # fmt: skip
INSTALMENT_COLUMNS = (
    "id", "pledge_id", "number", "due_date", "amount", "amount_usd", "received_amount",
    "payment_status",
)  # fmt: skip
CONTRIBUTION_COLUMNS = (
    "id", "created_at", "updated_at", "version", "amount", "currency", "value_date",
    "amount_usd", "usd_rate", "rate_source", "organisation_id", "pledge_id", "instalment_id",
    "pledge_amount", "kind", "reference", "region_id", "is_demo",
)  # fmt: skip
ALLOCATION_COLUMNS = (
    "contribution_id", "flagship_id", "outcome_id", "amount", "amount_usd", "year",
)  # fmt: skip


class Plan:
    """One pledge before it is written: its row values and its schedule
    (instalments: [id, number, due, amount, amount_usd, received])."""

    __slots__ = ("id", "org", "region", "money", "status", "flagship", "outcomes",
                 "opportunity", "kind", "title", "instalments", "received_usd")  # fmt: skip


class PledgeGenerator:
    def __init__(self, funding: Funding, n: int, *, won: list[tuple]):
        self.f, self.n, self.won = funding, n, won
        # (year, "flagship" | "outcome", id) -> USD received or promised: the targets' base.
        self.raised: dict[tuple, Decimal] = defaultdict(Decimal)
        self.contribution_id = next_id(Contribution)
        self.attached = 0

    # -- pledges and schedules ------------------------------------------------------------

    def plans(self) -> list[Plan]:
        f, rng = self.f, self.f.rng
        pledge_id, instalment_id = next_id(Pledge), next_id(Instalment)
        from_won = [w for w in self.won if rng.random() < 0.6][: self.n]
        plans = []
        for index in range(self.n):
            plan = Plan()
            plan.id, plan.received_usd = pledge_id + index, Decimal(0)
            if index < len(from_won):
                opportunity_id, row, outcomes = from_won[index]
                day = date.fromisoformat(row[16])  # the decision date: when it was won
                plan.org, plan.region, plan.flagship = row[10], row[20], row[18]
                plan.money = (row[4], row[5], day, *f.convert(row[4], row[5], day))
                plan.opportunity, plan.kind, plan.title = opportunity_id, row[12], row[11]
                plan.outcomes = outcomes
            else:
                partner = f.partner()
                day = f.day_between(date(2018, 10, 1), f.today)
                plan.org, plan.region, plan.flagship = partner[0], partner[2], f.flagship()
                plan.money = f.money(f.usd_value(), day)
                plan.opportunity = None
                plan.kind = "in_kind" if rng.random() < 0.05 else "financial"
                plan.title = f"Contribution to {rng.choice(TOPICS)}"
                plan.outcomes = f.outcome_ids()
            roll = rng.random()
            plan.status = "cancelled" if roll < 0.05 else "pledged" if roll < 0.4 else "confirmed"
            plan.instalments = []
            parts = rng.choices(INSTALMENT_COUNTS, INSTALMENT_WEIGHTS)[0]
            weights = f.split_weights(parts)
            amounts, usds = split(plan.money[0], weights), split(plan.money[3], weights)
            due = day + timedelta(days=rng.randint(15, 120))
            for number, (amount, usd) in enumerate(zip(amounts, usds, strict=True), start=1):
                due = min(max(due, date(2019, 1, 1)), f.last_day)
                plan.instalments.append([instalment_id, number, due, amount, usd, Decimal(0)])
                instalment_id += 1
                due += timedelta(days=rng.randint(150, 380))
            plans.append(plan)
        return plans

    def paid_weight(self, due: date) -> float:
        """How likely an instalment is to be paid, relative to the others: old ones mostly
        are, recent ones less, future ones rarely (paid ahead)."""
        age = (self.f.today - due).days
        if age < 0:
            return 0.1 if age > -90 else 0.0
        return 1.0 if age > 730 else 0.85 if age > 365 else 0.6

    # -- contributions --------------------------------------------------------------------

    def allocations(self, cid: int, row: tuple, first: tuple) -> list[tuple]:
        f, rng = self.f, self.f.rng
        targets = [first]
        for _ in range(rng.choices(ALLOCATION_COUNTS, ALLOCATION_WEIGHTS)[0] - 1):
            targets.append((f.flagship(), rng.choice(f.outcomes) if rng.random() < 0.5 else None))
        weights = f.split_weights(len(targets))
        year = row[6].year
        out = []
        for (flagship, outcome), amount, usd in zip(
            targets, split(row[4], weights), split(row[7], weights), strict=True
        ):
            out.append((cid, flagship, outcome, amount, usd, year))
            self.raised[(year, "flagship", flagship)] += usd
            self.raised[(year, "outcome", outcome)] += usd
        return out

    def contribution(self, rows: dict, money: tuple, org: int, region, pledge=None, inst=None):
        """Append one contribution (and its allocations, maybe a soft credit) to `rows`."""
        f, rng = self.f, self.f.rng
        cid = self.contribution_id
        self.contribution_id += 1
        day = money[2]
        pledge_amount = None
        if pledge is not None:
            pledge_amount = (
                money[0]
                if money[1] == pledge.money[1]
                else to_cents(money[3] * f.rate(pledge.money[1], day).rate)
            )
        reference = f"BNK-{cid:08d}" if rng.random() < 0.6 else ""
        row = (
            cid, stamp(day, rng), stamp(day, rng), 1, *money, org,
            pledge.id if pledge else None, inst[0] if inst else None, pledge_amount,
            pledge.kind if pledge else "financial", reference, region, False,
        )  # fmt: skip
        rows["contributions"].append(row)
        if pledge is not None:
            # As contribution_record's default: the outcome only when the pledge has one.
            only = pledge.outcomes[0] if len(pledge.outcomes) == 1 else None
            first = (pledge.flagship, only)
        else:
            first = (f.flagship(), rng.choice(f.outcomes) if rng.random() < 0.4 else None)
        rows["allocations"].extend(self.allocations(cid, row, first))
        if rng.random() < 0.03:
            broker = f.partner()[0]
            if broker != org:
                rows["soft_credits"].append((cid, broker, rng.choice(("broker", "facilitator"))))
        return pledge_amount, money[3]

    def pay(self, rows: dict, plan: Plan, inst: list) -> None:
        """One to two contributions against an instalment, in full, in part or a bit over."""
        f, rng = self.f, self.f.rng
        due, amount = inst[2], inst[3]
        roll = rng.random()
        if roll < 0.80:
            parts = [amount]
        elif roll < 0.88:
            parts = [to_cents(amount * Decimal(rng.randint(30, 90)) / 100)]
        elif roll < 0.98:
            first = to_cents(amount * Decimal(rng.randint(40, 60)) / 100)
            parts = [first, amount - first]
        else:
            parts = [to_cents(amount * Decimal(rng.randint(101, 105)) / 100)]
        day = (
            due + timedelta(days=rng.randint(-20, 90))
            if due <= f.today
            else (due - timedelta(days=rng.randint(0, 60)))
        )
        day = min(f.today, max(plan.money[2], day))
        currency = plan.money[1]
        for part in parts:
            if currency != "USD" and rng.random() < 0.06:  # paid in dollars
                usd = to_cents(part / f.rate(currency, day).rate)
                money = (usd, "USD", day, *f.convert(usd, "USD", day))
            else:
                money = (part, currency, day, *f.convert(part, currency, day))
            pledge_amount, usd = self.contribution(rows, money, plan.org, plan.region, plan, inst)
            inst[5] += pledge_amount
            plan.received_usd += usd
            self.attached += 1
            day = min(f.today, day + timedelta(days=rng.randint(20, 120)))

    def pledge_rows(self, rows: dict, plan: Plan) -> None:
        rng = self.f.rng
        received = sum((inst[5] for inst in plan.instalments), Decimal(0))
        created = stamp(plan.money[2], rng)
        rows["pledges"].append(
            (
                plan.id, created, created, 1, *plan.money, plan.org, plan.opportunity,
                plan.title, plan.kind, plan.status, payment_status(received, plan.money[0]),
                received, plan.received_usd, plan.flagship, plan.region,
                "The partner withdrew the pledge." if plan.status == "cancelled" else "", False,
            )
        )  # fmt: skip
        rows["pledge_outcomes"].extend((plan.id, outcome) for outcome in plan.outcomes)
        for inst_id, number, due, amount, usd, got in plan.instalments:
            rows["instalments"].append(
                (inst_id, plan.id, number, due, amount, usd, got, payment_status(got, amount))
            )
            if plan.status != "cancelled" and amount > got:
                outstanding = (amount - got) * usd / amount
                self.raised[(due.year, "flagship", plan.flagship)] += outstanding
                for outcome in plan.outcomes:
                    self.raised[(due.year, "outcome", outcome)] += outstanding

    # -- the run --------------------------------------------------------------------------

    def tables(self) -> dict[str, Table]:
        return {
            "pledges": Table(Pledge, PLEDGE_COLUMNS),
            "pledge_outcomes": Table(Pledge.outcomes.through, ("pledge_id", "outcome_id")),
            "instalments": Table(Instalment, INSTALMENT_COLUMNS),
            "contributions": Table(Contribution, CONTRIBUTION_COLUMNS),
            "allocations": Table(Allocation, ALLOCATION_COLUMNS),
            "soft_credits": Table(SoftCredit, ("contribution_id", "organisation_id", "role")),
        }

    def write(self, tables: dict[str, Table], rows: dict, totals: dict) -> None:
        with transaction.atomic():
            for name, table in tables.items():  # in the order of their foreign keys
                totals[name] += table.load(rows.get(name, []))

    def run(self, *, out=print) -> dict[str, int]:
        f, rng = self.f, self.f.rng
        plans = self.plans()
        # Scale the chance of payment so that about 88 % of the contributions are attached.
        weight = sum(
            self.paid_weight(inst[2])
            for plan in plans
            if plan.status != "cancelled"
            for inst in plan.instalments
        )
        wanted = round(self.n * ATTACHED_SHARE)
        scale = wanted / max(1.0, weight * CONTRIBUTIONS_PER_PAID_INSTALMENT)
        tables = self.tables()
        totals = dict.fromkeys(tables, 0)
        for chunk_start in range(0, len(plans), CHUNK):
            rows = defaultdict(list)
            for plan in plans[chunk_start : chunk_start + CHUNK]:
                for inst in plan.instalments:
                    if (
                        plan.status != "cancelled"
                        and self.attached < self.n - 1
                        and rng.random() < scale * self.paid_weight(inst[2])
                    ):
                        self.pay(rows, plan, inst)
                self.pledge_rows(rows, plan)
            self.write(tables, rows, totals)
            out(f"  {totals['pledges']:>8} pledges, {totals['contributions']:>8} contributions")
        standalone = self.n - self.attached
        for chunk_start in range(0, standalone, CHUNK):
            rows = defaultdict(list)
            for _ in range(min(CHUNK, standalone - chunk_start)):
                partner = f.partner()
                day = f.day_between(date(2019, 1, 1), f.today)
                self.contribution(rows, f.money(f.usd_value(50_000), day), *partner[::2])
            self.write(tables, rows, totals)
        out(f"  {totals['contributions']:>8} contributions ({self.attached} against pledges)")
        return totals
