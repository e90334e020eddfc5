"""A tiny IMAP4rev1 server on 127.0.0.1 for the tests: just enough of the protocol for
CAPABILITY, LOGIN, EXAMINE/SELECT, SEARCH (ALL, SINCE), FETCH (BODY.PEEK[HEADER.FIELDS
(…)] and BODY.PEEK[]) and LOGOUT, over one folder of messages. It records every command
it receives, so a test can see what the client asked for."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class Mailstore:
    user: str
    password: str
    folders: dict[str, list[bytes]]
    commands: list[str] = field(default_factory=list)
    starttls: bool = False
    # Commands answered with BAD, to see how the client takes a server's error.
    refuse: set[str] = field(default_factory=set)


def _header_block(message: bytes) -> list[bytes]:
    """The message's header lines, each with its continuation lines."""
    head = re.split(rb"\r?\n\r?\n", message, maxsplit=1)[0]
    lines: list[bytes] = []
    for line in re.split(rb"\r?\n", head):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += b"\r\n" + line
        else:
            lines.append(line)
    return lines


def _fields(message: bytes, names: list[str]) -> bytes:
    wanted = {name.upper() for name in names}
    kept = [
        line for line in _header_block(message) if line.split(b":", 1)[0].decode().upper() in wanted
    ]
    return b"".join(line + b"\r\n" for line in kept) + b"\r\n"


def _tokens(text: str) -> list[str]:
    return [
        a if a else b.replace('\\"', '"').replace("\\\\", "\\")
        for a, b in re.findall(r'([^\s"()]+)|"((?:[^"\\]|\\.)*)"', text)
    ]


def _since(message: bytes, day: dt.date) -> bool:
    for line in _header_block(message):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"date":
            return email.utils.parsedate_to_datetime(value.decode().strip()).date() >= day
    return False


class _Handler(socketserver.StreamRequestHandler):
    store: Mailstore

    def send(self, line: str | bytes) -> None:
        self.wfile.write((line.encode() if isinstance(line, str) else line) + b"\r\n")

    def handle(self) -> None:
        store = self.server.store  # type: ignore[attr-defined]
        folder: list[bytes] | None = None
        self.send("* OK [CAPABILITY IMAP4rev1" + (" STARTTLS" if store.starttls else "") + "] hi")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            text = line.decode().rstrip("\r\n")
            store.commands.append(text)
            tag, _, rest = text.partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command in store.refuse:
                self.send(f"{tag} BAD {command} not now")
            elif command == "CAPABILITY":
                self.send("* CAPABILITY IMAP4rev1" + (" STARTTLS" if store.starttls else ""))
                self.send(f"{tag} OK CAPABILITY completed")
            elif command == "LOGIN":
                user, password = _tokens(args)[:2]
                if (user, password) == (store.user, store.password):
                    self.send(f"{tag} OK LOGIN completed")
                else:
                    self.send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials")
            elif command in ("EXAMINE", "SELECT"):
                name = _tokens(args)[0]
                folder = store.folders.get(name)
                if folder is None:
                    self.send(f"{tag} NO Mailbox does not exist")
                    continue
                self.send(f"* {len(folder)} EXISTS")
                self.send(f"{tag} OK [READ-ONLY] {command} completed")
            elif command == "SEARCH" and folder is not None:
                words = _tokens(args)
                numbers = list(range(1, len(folder) + 1))
                if words and words[0].upper() == "SINCE":
                    d, m, y = words[1].split("-")
                    day = dt.date(int(y), _MONTHS.index(m) + 1, int(d))
                    numbers = [n for n in numbers if _since(folder[n - 1], day)]
                self.send("* SEARCH" + "".join(f" {n}" for n in numbers))
                self.send(f"{tag} OK SEARCH completed")
            elif command == "FETCH" and folder is not None:
                sequence, _, what = args.partition(" ")
                for number in [int(n) for n in sequence.split(",")]:
                    message = folder[number - 1]
                    match = re.search(r"HEADER\.FIELDS \(([^)]*)\)", what)
                    if match:
                        data = _fields(message, match.group(1).split())
                        item = f"BODY[HEADER.FIELDS ({match.group(1)})]"
                    else:
                        data, item = message, "BODY[]"
                    self.send(
                        f"* {number} FETCH ({item} {{{len(data)}}}".encode() + b"\r\n" + data + b")"
                    )
                self.send(f"{tag} OK FETCH completed")
            elif command == "LOGOUT":
                self.send("* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed")
                return
            else:
                self.send(f"{tag} BAD unknown command")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


@contextmanager
def fake_imap(store: Mailstore) -> Iterator[int]:
    """Serve ``store`` on 127.0.0.1; yields the port."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.store = store  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
