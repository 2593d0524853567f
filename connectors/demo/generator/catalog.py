"""The abstract demo federation, built deterministically from a seed: services, equipment, experts."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import ClassVar
from datetime import date, timedelta

from schemas import load_clusters

from ...conventions.fees import Fee
from . import people
from .federation import PLANS, CentrePlan, ClusterPlan
from .instruments import BY_KEY, FAMILIES, Family
from .korean import fill
from .services import Template, all_templates

DEFAULT_SEED = 20250101
GENERIC = {"centri", "incubator", "bsc", "ult", "balance", "uvvis", "gelimg", "autoclave",
           "cellcounter", "reader", "hplc", "qpcr"}
FLAW_FIELDS = {"unknown_category": "cats", "bad_date": "acquired", "bad_nfec": "nfec",
               "bad_scope": "shared", "bad_flag": "shared", "bad_fee": "fee",
               "missing_title": "title"}


@dataclass
class Record:
    """What every kind shares: its sequence number in the cluster, centre, dates and flaws."""

    seq: int
    centre: CentrePlan
    cats: tuple[str, ...]
    updated: date
    active: bool = True
    flaws: dict[str, str] = field(default_factory=dict)   # field -> flaw name

    def flawed(self, name: str) -> bool:
        return name in self.flaws


@dataclass
class Service(Record):
    kind: ClassVar[str] = "service"
    template: Template | None = None
    title: tuple[str, str] = ("", "")
    summary: tuple[str, str] = ("", "")
    fee: Fee = Fee("quote")
    days: int = 0
    booking: str = "consult"
    lead_days: int = 14
    keywords: tuple[str, ...] = ()
    equipment: list[int] = field(default_factory=list)
    experts: list[int] = field(default_factory=list)

    @property
    def service_type(self) -> str:
        return self.template.type

    @property
    def grade(self) -> str | None:
        return self.template.grade

    @property
    def is_glp(self) -> bool:
        return self.template.grade == "glp"

    @property
    def certs(self) -> tuple[str, ...]:
        return self.template.certs

    @property
    def deliverables(self) -> tuple[str, str]:
        return self.template.deliverables

    @property
    def samples(self) -> tuple[str, str] | None:
        return self.template.samples


@dataclass
class Equipment(Record):
    kind: ClassVar[str] = "equipment"
    family: Family | None = None
    maker: str = ""
    model: str = ""
    acquired: date = date(2020, 1, 1)
    nfec: str | None = None
    shared: bool = True
    fee: Fee = Fee("quote")
    booking: str = "operator_assisted"
    location: tuple[str, str] = ("", "")
    services: list[int] = field(default_factory=list)

    @property
    def title(self) -> tuple[str, str]:
        return (self.family.ko, self.family.en)

    @property
    def eq_class(self) -> str:
        return self.family.cls

    @property
    def keywords(self) -> tuple[str, ...]:
        return self.family.keywords


@dataclass
class Expert(Record):
    kind: ClassVar[str] = "expert"
    name: tuple[str, str] = ("", "")
    position: tuple[str, str] = ("", "")
    expertise: list[tuple[str, str]] = field(default_factory=list)
    techniques: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    services: list[int] = field(default_factory=list)

    @property
    def title(self) -> tuple[str, str]:
        return self.name


@dataclass
class Cluster:
    code: str
    region: str
    name: tuple[str, str]
    plan: ClusterPlan
    services: list[Service]
    equipment: list[Equipment]
    experts: list[Expert]


def build(seed: int = DEFAULT_SEED) -> list[Cluster]:
    """The whole federation; the same seed always gives the same records."""
    facts = {c["code"]: c for c in load_clusters()}
    return [_cluster(plan, facts[plan.code], random.Random(f"{seed}:{plan.code}")) for plan in PLANS]


def _cluster(plan: ClusterPlan, facts: dict, rng: random.Random) -> Cluster:
    pools = _pools(rng)
    equipment = [e for c in plan.centres for e in _equipment(c, plan, rng)]
    services = [s for c in plan.centres for s in _services(c, pools, rng)]
    taken: set[str] = set()
    experts = [x for c in plan.centres for x in _experts(c, rng, taken)]
    _number(equipment), _number(services), _number(experts)
    _link(services, equipment, experts, rng)
    for kind, flaw in plan.flaws:
        records = {"service": services, "equipment": equipment, "expert": experts}[kind]
        clean = [r for r in records if not r.flaws]
        rng.choice(clean).flaws[FLAW_FIELDS[flaw]] = flaw
    name = (facts["name"]["ko"], facts["name"]["en"])
    return Cluster(plan.code, facts["region"], name, plan, services, equipment, experts)


# Domains whose every variant is offered where they are planned: unshuffled, they leave the draws of
# every other cluster as they were before they were added (issue 13: Daegu's smart factory, Osong's trials).
WHOLE = ("smartfactory", "trials")


def _pools(rng: random.Random) -> dict[str, list[tuple[Template, tuple[str, str]]]]:
    """Per domain, every (template, variant) once, shuffled: a cluster never lists a service twice."""
    pools: dict[str, list] = {}
    for template in all_templates():
        pools.setdefault(template.domain, []).extend((template, v) for v in template.variants)
    for domain, pool in pools.items():
        if domain not in WHOLE:
            rng.shuffle(pool)
    return pools


def _number(records: list[Record]) -> None:
    for seq, record in enumerate(records, 1):
        record.seq = seq


def _updated(rng: random.Random) -> date:
    return date(2024, 1, 2) + timedelta(days=rng.randrange(540))


def _round(amount: float) -> int:
    step = 5_000 if amount < 100_000 else 10_000 if amount < 1_000_000 else \
        100_000 if amount < 10_000_000 else 1_000_000 if amount < 100_000_000 else 10_000_000
    return max(step, int(round(amount / step)) * step)


def _services(centre: CentrePlan, pools: dict, rng: random.Random) -> list[Service]:
    out = []
    for domain, count in centre.services.items():
        pool = pools[domain]
        if count > len(pool):
            raise ValueError(f"{centre.ko}: {count} {domain} services wanted, {len(pool)} exist")
        for _ in range(count):
            template, (v_ko, v_en) = pool.pop()
            out.append(Service(
                0, centre, template.cats, _updated(rng), rng.random() > 0.02,
                template=template, title=(fill(template.ko, v=v_ko), _capital(fill(template.en, v=v_en))),
                summary=(fill(template.summary, v=v_ko), _capital(fill(template.summary_en, v=v_en))),
                fee=_service_fee(template, rng), days=rng.randint(*template.days),
                booking=rng.choice(("consult", "consult", "operator_assisted")),
                lead_days=rng.choice((7, 14, 14, 30)),
                keywords=tuple(dict.fromkeys(BY_KEY[f].keywords[0] for f in template.families
                                             if BY_KEY[f].keywords))[:5]))
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _service_fee(template: Template, rng: random.Random) -> Fee:
    if template.fee is None or rng.random() < 0.08:
        return Fee("quote", note="별도 협의")
    low, high = template.fee
    if high == 0:
        return Fee("free")
    if rng.random() < 0.3:
        a, b = sorted((_round(rng.uniform(low, high)), _round(rng.uniform(low, high))))
        if a < b:
            return Fee("fixed", a, b)
    amount = _round(rng.uniform(low, high))
    return Fee("fixed", amount, amount, "건당" if rng.random() < 0.2 else None)


def _family_weights(centre: CentrePlan) -> list[float]:
    templates = [t for t in all_templates() if t.domain in centre.services]
    used = {f for t in templates for f in t.families}
    cats = {c for t in templates for c in t.cats}
    weights = []
    for family in FAMILIES:
        factor = 8 if family.key in used else 1 if cats & set(family.cats) else \
            1.5 if family.key in GENERIC else 0.05
        weights.append(family.weight * factor)
    return weights


def _equipment(centre: CentrePlan, plan: ClusterPlan, rng: random.Random) -> list[Equipment]:
    weights = _family_weights(centre)
    out = []
    for _ in range(centre.equipment):
        family = rng.choices(FAMILIES, weights)[0]
        maker, model = rng.choice(family.models)
        acquired = date(2006 + int(19 * rng.random() ** 0.7), rng.randint(1, 12), rng.randint(1, 28))
        registered = plan.registered or rng.random() < (0.55 if family.key in GENERIC else 0.95)
        nfec = (f"NFEC-{acquired.year}-{acquired.month:02d}-{rng.randrange(10**6):06d}"
                if registered else None)
        floor, room = rng.randint(1, 5), rng.randint(1, 40)
        location = (f"{centre.building[0]} {floor}층 {floor}{room:02d}호",
                    f"{centre.building[1]} {floor}F, Room {floor}{room:02d}")
        booking = family.booking if rng.random() < 0.85 else "operator_assisted"
        out.append(Equipment(
            0, centre, family.cats, _updated(rng), rng.random() > 0.04, family=family, maker=maker,
            model=model, acquired=acquired, nfec=nfec, shared=rng.random() < 0.82,
            fee=_equipment_fee(family, rng), booking=booking, location=location))
    return out


def _equipment_fee(family: Family, rng: random.Random) -> Fee:
    unit, low, high = family.fee
    if high == 0:
        return Fee("free")
    if rng.random() < 0.1:
        return Fee("quote", note="별도 협의")
    if rng.random() < 0.1:
        # Internal and external users often pay different rates: published as a range.
        return Fee("fixed", _round(low), _round(high), unit)
    amount = _round(rng.uniform(low, high))
    return Fee("fixed", amount, amount, unit)


def _experts(centre: CentrePlan, rng: random.Random, taken: set[str]) -> list[Expert]:
    domains = [d for d in centre.services if d != "training"]
    cats = tuple(dict.fromkeys(c for t in all_templates() if t.domain in domains for c in t.cats))[:2]
    out = []
    for _ in range(centre.experts):
        out.append(Expert(
            0, centre, cats, _updated(rng), name=people.person_name(rng, taken),
            position=people.position(rng), expertise=people.expertise(rng, domains, rng.randint(2, 3)),
            languages=people.languages(rng)))
    return out


def _link(services: list[Service], equipment: list[Equipment], experts: list[Expert],
          rng: random.Random) -> None:
    """Services use equipment of their template's families and are run by their centre's experts."""
    by_family: dict[tuple[str, str], list[Equipment]] = {}
    for item in equipment:
        by_family.setdefault((item.centre.ko, item.family.key), []).append(item)
        by_family.setdefault(("*", item.family.key), []).append(item)
    for service in services:
        for key in service.template.families[:3]:
            found = by_family.get((service.centre.ko, key)) or by_family.get(("*", key))
            if found:
                item = rng.choice(found)
                if item.seq not in service.equipment:
                    service.equipment.append(item.seq)
                    item.services.append(service.seq)
        staff = [x for x in experts if x.centre is service.centre]
        for expert in rng.sample(staff, min(len(staff), rng.choice((1, 1, 2)))):
            service.experts.append(expert.seq)
            expert.services.append(service.seq)
    for expert in experts:
        families = [equipment[e - 1].family for s in expert.services for e in services[s - 1].equipment]
        names = [f.keywords[0] if f.keywords else f.en for f in families]
        expert.techniques = list(dict.fromkeys(names))[:6]
