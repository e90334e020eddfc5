"""What earlier imports would have left in the demo network: the traces the dedupe and
import tools work on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections import defaultdict
from typing import Any

from knoten.core.bulk import connection_for
from knoten.dedupe.models import DuplicatePair, Merge
from knoten.demo.draws import ascii_slug
from knoten.demo.places import LOCALES
from knoten.demo.plan import Plan
from knoten.imports.models import ImportOrigin, ImportRun
from knoten.journal.models import Interaction
from knoten.mailbox.models import SeenAddress, SeenMessage
from knoten.people.models import ImportedProperty, Person

# Where the unknown addresses a mailbox import has read live.
MAIL_HOSTS = ("gmx.example", "web.example", "firma.example")


def add(plan: Plan) -> None:
    """What a network that came in through imports and a mailbox keeps besides its
    persons: the runs and the records they took in, what files said that has no place
    of its own, pairs of namesakes to review, earlier merges, and the messages and
    unknown addresses a mailbox import has read."""
    rng = random.Random(f"knoten-demo-imports-{plan.seed}")
    connection = connection_for(Person)
    # The persons of this run (keys are given in order; *me* came before them).
    mine = [pk for pk in plan.pks if pk != plan.me.pk]
    people = list(
        Person.objects.filter(network_id=plan.network_id, pk__gte=min(mine, default=0))
        .exclude(pk=plan.me.pk)
        .order_by("pk")
        .values_list("pk", "given_name", "family_name")
    )
    net, total = plan.network_id, len(people)
    plan.report("import traces", 0, total)
    imported = [pk for pk, _, _ in people if rng.random() < 0.4]
    runs = [
        (net, plan.member.pk, "Kontakte.vcf", "vcard", len(imported) // 2, 0, 0, 0, 0),
        (
            net,
            plan.member.pk,
            "Connections.csv",
            "linkedin",
            len(imported) - len(imported) // 2,
            0,
            0,
            0,
            0,
        ),
    ]
    plan.write(
        ImportRun,
        [
            "network_id",
            "member_id",
            "source",
            "format",
            "created",
            "merged",
            "unchanged",
            "skipped",
            "to_review",
        ],
        runs,
        "import runs",
    )
    origins = [
        (net, pk, hashlib.sha256(f"demo-{plan.seed}-{pk}".encode()).hexdigest()) for pk in imported
    ]
    plan.write(ImportOrigin, ["network_id", "person_id", "key"], origins, "import origins")
    kept: list[tuple[Any, ...]] = []
    for pk, given, family in people:
        if rng.random() < 0.06:
            slug = ascii_slug(f"{given}{family}", "")[:30] or "kontakt"
            name, value, source = rng.choice(
                [
                    (
                        "X-SOCIALPROFILE (twitter)",
                        f"https://twitter.com/{slug}",
                        "Kontakte.vcf",
                    ),
                    ("X-ABLabel", "Büro Süd", "Kontakte.vcf"),
                    ("name suffix", rng.choice(["MBA", "LL.M.", "M.Sc."]), "Connections.csv"),
                    (
                        "department",
                        rng.choice(["Vertrieb", "Einkauf", "Personal"]),
                        "Kontakte.vcf",
                    ),
                ]
            )
            kept.append((net, pk, source, name, value))
    plan.write(
        ImportedProperty,
        ["network_id", "person_id", "source", "name", "value"],
        kept,
        "imported properties",
    )
    # Namesakes with the same first letter: the pairs an import was not sure of.
    by_family: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, given, family in people:
        by_family[family].append((pk, given))
    reasons = DuplicatePair._meta.get_field("reasons")
    pairs: list[tuple[Any, ...]] = []
    for family, group in by_family.items():
        if len(pairs) >= max(1, total // 500):
            break
        for (a, given_a), (b, given_b) in itertools.combinations(group, 2):
            if given_a[:1] == given_b[:1] and family:
                why = [
                    f"same family name {family}",
                    f"given names alike: {given_a} ≈ {given_b}",
                ]
                pairs.append(
                    (
                        net,
                        min(a, b),
                        max(a, b),
                        0.82,
                        reasons.get_db_prep_save(why, connection),
                        "open",
                    )
                )
                break
    plan.write(
        DuplicatePair,
        ["network_id", "person_a_id", "person_b_id", "score", "reasons", "status"],
        pairs,
        "duplicate pairs",
    )
    moved = Merge._meta.get_field("moved")
    last = people[-1][0] if people else 0
    merges = []
    for number in range(max(1, total // 1000)):
        pk, given, family = rng.choice(people)
        merges.append(
            (
                net,
                pk,
                last + number + 1,
                f"{given[:1]}. {family}",
                moved.get_db_prep_save(
                    {"contact points": rng.randint(1, 2), "conversations": rng.randint(0, 3)},
                    connection,
                ),
                plan.member.pk,
            )
        )
    plan.write(
        Merge,
        ["network_id", "kept_id", "merged_id", "merged_name", "moved", "by_id"],
        merges,
        "merges",
    )
    emails = (
        Interaction.objects.filter(network_id=net, kind="email")
        .exclude(pk__in=SeenMessage.objects.filter(network_id=net).values("interaction_id"))
        .values_list("pk", flat=True)
    )
    seen = [
        (
            net,
            "mail",
            hashlib.sha256(f"demo-mail-{plan.seed}-{pk}".encode()).hexdigest(),
            pk,
            True,
        )
        for pk in emails.iterator()
    ]
    plan.write(
        SeenMessage,
        ["network_id", "source", "key", "interaction_id", "made_interaction"],
        seen,
        "messages read",
    )
    faker = plan.fakers[LOCALES[0][0]]
    names = SeenAddress._meta.get_field("names")
    addresses = []
    for number in range(max(3, total // 200)):
        name = faker.name()
        first = plan.today - dt.timedelta(days=rng.randint(60, 900))
        addresses.append(
            (
                net,
                f"{ascii_slug(name, '.')}.{number}@{rng.choice(MAIL_HOSTS)}",
                names.get_db_prep_save([name], connection),
                rng.randint(3, 40),
                first,
                first + dt.timedelta(days=rng.randint(1, 50)),
                number % 10 == 9,
            )
        )
    plan.write(
        SeenAddress,
        ["network_id", "address", "names", "messages", "first_on", "last_on", "automated"],
        addresses,
        "addresses read",
    )
    plan.report("import traces", total, total)
