"""Email messages and the outbox.

A message is ``multipart/alternative`` with the plain-text part first and the HTML part last (clients
show the last part they understand), with ``Message-ID`` and ``Date`` set here so that the same id is
recorded before and after sending. With no SMTP server configured, messages are written to the outbox
folder as ``.eml`` files, atomically, so a crash never leaves half a message there.
"""

from __future__ import annotations

import os
import tempfile
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from newsletter.render import Rendered


def build_message(
    rendered: Rendered,
    *,
    sender: str,
    to: str,
    headers: dict[str, str] | None = None,
    msgid_domain: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = rendered.subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=msgid_domain or _domain_of(sender))
    message["MIME-Version"] = "1.0"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(rendered.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def _domain_of(address: str) -> str:
    address = address.strip().rstrip(">")
    return address.rsplit("@", 1)[-1] if "@" in address else "osteodigest.localhost"


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so readers never see a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates 0600; an outbox file is meant to be read by the mail tooling too.
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_edition_files(outbox: Path, stem: str, rendered: Rendered, message: EmailMessage) -> list[Path]:
    """``stem.html`` and ``stem.txt`` (the whole edition) and a ready ``stem.eml`` in the outbox."""
    paths = [outbox / f"{stem}.html", outbox / f"{stem}.txt", outbox / f"{stem}.eml"]
    write_atomic(paths[0], rendered.html.encode("utf-8"))
    write_atomic(paths[1], rendered.text.encode("utf-8"))
    write_atomic(paths[2], message.as_bytes())
    return paths
