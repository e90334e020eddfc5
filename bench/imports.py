"""Import, export and duplicate figures (issue 4) on the cached 100k demo network.

``python -m bench.imports`` (and ``make bench``, on the largest network it measures):

* writes 10,000 vCards as real programs write them (Apple's grouped ``itemN.`` properties
  with ``X-ABLabel``, Outlook's vCard 2.1 with QUOTED-PRINTABLE and windows-1252, vCard
  4.0 with dates without a year) and a 10,000-row LinkedIn ``Connections.csv`` (the
  ``Notes:`` preamble, a BOM, CRLF); a fifth of the records carry the e-mail address of a
  person of the demo network, so that importing into it merges them;
* times parsing alone — vobject over the vCards, the csv module over the CSV — beside
  ``knoten import`` of the same file into an empty network and into a copy of the demo
  network (duplicate detection on, as always);
* times exporting the demo network to vCard and to JSON, and ``knoten dedupe`` over it.

Each import runs in a process of its own on its own data folder (a copy of the demo
network's database for the second), so the cached network stays as built. Targets: an
import ≤ 2× its parse-only time; dedupe over 100k persons ≤ 60 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RECORDS = 10_000
IMPORT_RATIO_TARGET = 2.0
DEDUPE_TARGET_S = 60.0
DUPLICATE_SHARE = 0.2  # of the generated records carry a demo person's e-mail

FIRMS = [
    "Müller Maschinenbau GmbH",
    "Beispiel AG",
    "Stadtwerke Nord",
    "Kanzlei Weiß & Partner",
    "Fraunhofer IPA",
    "Brot & Butter KG",
    "Nordlicht Software",
    "Universität Hamburg",
]
TITLES = [
    "Geschäftsführerin",
    "Head of Sales",
    "CFO",
    "Einkäufer",
    "Projektleiterin",
    "Steuerberater",
    "Professor",
    "Product Owner",
]


# --- the files -----------------------------------------------------------------------------


def _qp(text: str) -> str:
    """QUOTED-PRINTABLE of windows-1252 bytes, with soft line breaks as Outlook writes."""
    out = "".join(
        chr(b) if 33 <= b <= 126 and b != 61 else f"={b:02X}"
        for b in text.encode("cp1252", errors="replace")
    )
    lines = [out[i : i + 70] for i in range(0, len(out), 70)]
    return "=\r\n".join(lines)


class _Names:
    """Names as in the demo network (Faker's German and other locales), seeded."""

    def __init__(self, seed: str) -> None:
        from faker import Faker

        self.fake = Faker(["de_DE", "de_AT", "en_GB", "tr_TR", "pl_PL"])
        self.fake.seed_instance(seed)

    def pair(self) -> tuple[str, str]:
        return self.fake.first_name(), self.fake.last_name()


def _person(
    rng: random.Random, names: _Names, n: int, known: list[tuple[str, str, str]]
) -> dict[str, str]:
    """One generated contact; a DUPLICATE_SHARE of them a person of the demo network."""
    duplicate = bool(known) and rng.random() < DUPLICATE_SHARE
    if duplicate:
        given, family, email = rng.choice(known)
    else:
        given, family = names.pair()
        email = f"{given[:1]}.{family}.{n}@example-{n % 97}.de".lower().replace(" ", "")
    return {
        "given": given,
        "family": family,
        "email": email,
        "phone": f"+49 {rng.randint(150, 179)} {rng.randint(1000000, 9999999)}",
        "org": rng.choice(FIRMS),
        "title": rng.choice(TITLES),
        "year": str(rng.randint(1950, 2000)),
        "month": f"{rng.randint(1, 12):02d}",
        "day": f"{rng.randint(1, 28):02d}",
        "n": str(n),
        # A duplicate is the same person: no birthday that could contradict theirs.
        "bday": "" if duplicate else "yes",
    }


def vcards(count: int, seed: int, known: list[tuple[str, str, str]]) -> bytes:
    """``count`` vCards in three dialects; the Outlook ones in windows-1252."""
    rng = random.Random(f"bench-vcards-{seed}")
    names = _Names(f"bench-vcards-{seed}")
    chunks: list[bytes] = []
    for n in range(count):
        p = _person(rng, names, n, known)
        style = n % 3
        if style == 0:  # Apple Contacts, vCard 3.0
            card = (
                "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
                f"N:{p['family']};{p['given']};;;\r\nFN:{p['given']} {p['family']}\r\n"
                f"ORG:{p['org']};\r\nTITLE:{p['title']}\r\n"
                f"item1.EMAIL;type=INTERNET;type=pref:{p['email']}\r\n"
                "item1.X-ABLabel:_$!<Other>!$_\r\n"
                f"item2.TEL:{p['phone']}\r\nitem2.X-ABLabel:_$!<Mobile>!$_\r\n"
                "item3.ADR;type=WORK:;;Hauptstraße 5;Berlin;;10115;Deutschland\r\n"
                "item3.X-ABADR:de\r\n"
                + (f"BDAY;value=date:{p['year']}-{p['month']}-{p['day']}\r\n" if p["bday"] else "")
                + f"item4.X-ABRELATEDNAMES:Kim {p['family']}\r\n"
                "item4.X-ABLabel:_$!<Spouse>!$_\r\n"
                f"UID:apple-{seed}-{n}\r\nEND:VCARD\r\n"
            )
            chunks.append(card.encode("utf-8"))
        elif style == 1:  # Outlook, vCard 2.1, windows-1252
            card = (
                "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                f"N;CHARSET=Windows-1252:{p['family']};{p['given']}\r\n"
                f"FN;CHARSET=Windows-1252:{p['given']} {p['family']}\r\n"
                f"ORG;CHARSET=Windows-1252:{p['org']}\r\nTITLE:{p['title']}\r\n"
                f"TEL;WORK;VOICE:{p['phone']}\r\nEMAIL;PREF;INTERNET:{p['email']}\r\n"
                "ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:;;"
                + _qp(f"Königstraße {p['n']};Stuttgart;BW;70173;Deutschland")
                + "\r\n"
                + (f"BDAY:{p['year']}{p['month']}{p['day']}\r\n" if p["bday"] else "")
                + "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:"
                + _qp(f"Kennengelernt auf der Hannover Messe; Kontakt über {p['org']}.")
                + "\r\n"
                "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\r\n"
                "END:VCARD\r\n"
            )
            chunks.append(card.encode("cp1252", errors="replace"))  # as Outlook does
        else:  # vCard 4.0
            card = (
                "BEGIN:VCARD\r\nVERSION:4.0\r\n"
                f"N:{p['family']};{p['given']};;Dr.;\r\nFN:Dr. {p['given']} {p['family']}\r\n"
                f"EMAIL;TYPE=work;PREF=1:{p['email']}\r\n"
                f"TEL;VALUE=uri;TYPE=cell:tel:{p['phone'].replace(' ', '')}\r\n"
                + (f"BDAY:--{p['month']}{p['day']}\r\n" if p["bday"] else "")
                + f"ANNIVERSARY:{p['year']}0612\r\n"
                f"RELATED;TYPE=spouse;VALUE=text:Sam {p['family']}\r\n"
                "CATEGORIES:Kunden,Messe 2026\r\n"
                f"URL:https://www.linkedin.com/in/bench-{n}\r\n"
                f"UID:urn:uuid:00000000-0000-4000-8000-{n:012d}\r\nEND:VCARD\r\n"
            )
            chunks.append(card.encode("utf-8"))
    return b"".join(chunks)


def linkedin_csv(count: int, seed: int, known: list[tuple[str, str, str]]) -> bytes:
    """LinkedIn's Connections.csv: a notes preamble, a BOM and CRLF line ends."""
    rng = random.Random(f"bench-linkedin-{seed}")
    names = _Names(f"bench-linkedin-{seed}")
    buffer = io.StringIO()
    buffer.write("Notes:\r\n")
    buffer.write(
        '"When exporting your connection data, you may notice that some of the email '
        "addresses are missing. You will only see email addresses for connections who "
        'have allowed their connections to see or download their email address."\r\n\r\n'
    )
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for n in range(count):
        p = _person(rng, names, n, known)
        writer.writerow(
            [
                p["given"],
                p["family"],
                f"https://www.linkedin.com/in/{p['given'].lower()}-{p['n']}",
                p["email"] if n % 4 else "",  # many connections hide their address
                p["org"],
                p["title"],
                f"{p['day']} {rng.choice(months)} {rng.randint(2012, 2026)}",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def demo_people(database: Path, count: int) -> list[tuple[str, str, str]]:
    """Given name, family name and e-mail of persons of the demo network: the duplicates
    a real import into it would bring."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT p.given_name, p.family_name, c.value FROM people_contactpoint c "
            "JOIN people_person p ON p.id = c.person_id "
            "WHERE c.kind = 'email' ORDER BY c.id LIMIT ?",
            (count,),
        ).fetchall()
    return [(given, family, email) for given, family, email in rows]


# --- parse only ----------------------------------------------------------------------------


def parse_vobject(data: bytes) -> int:
    """What vobject alone makes of the file (decoded as a whole, as it needs text)."""
    import logging

    import vobject

    # vobject logs every line it cannot read (Outlook's soft line breaks) and skips it.
    for name in ("vobject", "vobject.base"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    text = data.decode("utf-8", errors="replace")
    return sum(1 for _ in vobject.readComponents(text, ignoreUnreadable=True))


def parse_csv(data: bytes) -> int:
    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _median_seconds(action: Any, data: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action(data)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


# --- the worker: one import, export or dedupe in its own data folder ----------------------------


def worker(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django

    django.setup()
    from knoten.cli.main import migrate_quietly
    from knoten.core.models import Member
    from knoten.people.networks import create_network

    migrate_quietly()
    member = Member.objects.select_related("network", "person", "user").filter(
        user__username="bench"
    ).first() or create_network("Import benchmark", username="bench", me_name="Eva Berger")
    result: dict[str, Any] = {}
    began = time.perf_counter()
    if args.job == "import":
        from knoten.imports.files import read_file
        from knoten.imports.runs import import_file

        path = Path(args.file)
        data = path.read_bytes()
        reading = time.perf_counter()
        read_file(data, path.name)  # reading alone, into records, for the report
        read_seconds = time.perf_counter() - reading
        began = time.perf_counter()
        report = import_file(member, data, path.name)
        result = {key: value for key, value in report.as_dict().items() if key != "records"}
        result["warnings"] = len(result["warnings"])
        result["read_seconds"] = read_seconds
    elif args.job == "export-vcard":
        from knoten.exports.services import export_vcard

        result = {"bytes": len(export_vcard(member).encode())}
    elif args.job == "export-json":
        from knoten.exports.services import export_json

        result = {"bytes": len(json.dumps(export_json(member), default=str))}
    elif args.job == "dedupe":
        from knoten.dedupe.services import likely_duplicates

        result = {"pairs": len(likely_duplicates(member))}
    result["seconds"] = time.perf_counter() - began
    Path(args.out).write_text(json.dumps(result))


def _run_worker(job: str, folder: Path, *extra: str) -> dict[str, Any]:
    out = folder / f"{job}.result.json"
    out.unlink(missing_ok=True)
    env = dict(os.environ)
    env.pop("KNOTEN_USER", None)
    env.update(
        {
            "KNOTEN_DATA_DIR": str(folder),
            "KNOTEN_DATABASE_URL": "",
            "DJANGO_SETTINGS_MODULE": "knoten.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        }
    )
    command = [sys.executable, "-m", "bench.imports", "--worker", job, "--out", str(out), *extra]
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if done.returncode != 0 or not out.exists():
        return {"error": f"{job} failed (exit {done.returncode})"}
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _copy_network(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(f"file:{source / 'knoten.sqlite3'}?mode=ro", uri=True)
    new = sqlite3.connect(target / "knoten.sqlite3")
    try:
        old.backup(new)
    finally:
        new.close()
        old.close()
    shutil.copy2(source / "secret_key", target / "secret_key")


def measure(folder: Path, records: int = RECORDS, seed: int = 1, runs: int = 3) -> dict[str, Any]:
    """Every figure of this module on the network in ``folder``."""
    database = folder / "knoten.sqlite3"
    known = demo_people(database, records)
    files = {
        "vcard": ("contacts.vcf", vcards(records, seed, known), parse_vobject),
        "linkedin": ("Connections.csv", linkedin_csv(records, seed, known), parse_csv),
    }
    result: dict[str, Any] = {"records": records, "imports": [], "exports": []}
    with tempfile.TemporaryDirectory(prefix="knoten-bench-imports-") as scratch:
        work = Path(scratch)
        for kind, (name, data, parse) in files.items():
            path = work / name
            path.write_bytes(data)
            parse_s = _median_seconds(parse, data, runs)
            for target in ("empty", "demo"):
                print(f"  import {name} into the {target} network …", file=sys.stderr)
                place = work / f"{kind}-{target}"
                if target == "demo":
                    _copy_network(folder, place)
                else:
                    place.mkdir()
                figure = _run_worker("import", place, "--file", str(path))
                figure.update(
                    kind=kind, file=name, target=target, bytes=len(data), parse_seconds=parse_s
                )
                result["imports"].append(figure)
                shutil.rmtree(place, ignore_errors=True)
        for job in ("export-vcard", "export-json", "dedupe"):
            print(f"  {job} of the demo network …", file=sys.stderr)
            figure = _run_worker(job, folder)
            figure["job"] = job
            result["exports"].append(figure)
    return result


def report_lines(result: dict[str, Any]) -> list[str]:
    lines = [
        f"  Import of {result['records']:,} generated records (vCards in three dialects; "
        f"LinkedIn CSV), parse only = vobject / the csv module, median of 3:"
    ]
    for figure in result["imports"]:
        if "error" in figure:
            lines.append(
                f"    {figure['file']} into the {figure['target']} network: {figure['error']}"
            )
            continue
        ratio = figure["seconds"] / figure["parse_seconds"] if figure["parse_seconds"] else 0
        verdict = "ok" if ratio <= IMPORT_RATIO_TARGET else f"MISS ({ratio:.1f}×)"
        lines.append(
            f"    {figure['file']:<16} into the {figure['target']:<5} network: "
            f"{figure['seconds']:6.1f} s  (parse only {figure['parse_seconds']:5.1f} s, "
            f"{ratio:.2f}×; target ≤ {IMPORT_RATIO_TARGET:.0f}× {verdict}; reading into "
            f"records {figure.get('read_seconds', 0):.2f} s)  "
            f"{figure['created']:,} new, {figure['merged']:,} merged, "
            f"{figure['to_review']:,} to review"
        )
    for figure in result["exports"]:
        if "error" in figure:
            lines.append(f"    {figure['job']}: {figure['error']}")
            continue
        extra = (
            f"{figure['pairs']:,} pairs; target ≤ {DEDUPE_TARGET_S:.0f} s "
            + ("ok" if figure["seconds"] <= DEDUPE_TARGET_S else "MISS")
            if figure["job"] == "dedupe"
            else f"{figure['bytes'] / 2**20:.1f} MB"
        )
        lines.append(f"    {figure['job']:<13} {figure['seconds']:6.1f} s  ({extra})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--records", type=int, default=RECORDS)
    parser.add_argument("--worker", dest="job", default="", help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    parser.add_argument("--file", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.job:
        worker(args)
        return 0
    from bench.__main__ import DATA, prepare

    DATA.mkdir(exist_ok=True)
    folder, meta, _cached = prepare(args.size, args.seed, rebuild=False)
    if meta is None:
        return 1
    result = measure(folder, args.records, args.seed)
    print(f"{args.size:,} persons · {os.cpu_count()} CPUs · {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print("\n".join(report_lines(result)))
    (DATA / "imports.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
