"""The set-aside folder, ``general.data_dir/failed``: what could not be parsed or stored, kept for replay.

Three kinds of file, each beside a ``….error.txt`` saying why: a whole reply that could not be parsed
(``SOURCE-STAMP.raw.gz``), one record of a reply that could not be read or stored
(``SOURCE-STAMP.record.gz``, its raw JSON object, XML element, feed item or page), and the traceback of
an unexpected failure (``SOURCE-STAMP.crash.txt``). Everything is gzip-compressed where it is data and
capped, so a hostile or runaway reply cannot fill the disk.

These files hold what services sent back, and a service's error page may echo the request: the URL with
``api_key=…``, an ``Authorization`` header. So the folder is private (0700, files 0600), and the values
of the secret environment variables and of any ``api_key``/``password`` parameter are masked before
anything is written.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import os
import re
from pathlib import Path
from urllib.parse import quote, quote_plus

from osteodigest.crawler.settings import NCBI_API_KEY_ENV, SECRET_KEY_ENV, SMTP_PASSWORD_ENV
from osteodigest.crawler.store import utcnow

#: Raw replies and records kept are capped so a hostile or runaway reply cannot fill the disk.
RAW_FAILED_CAP = 5 * 1024 * 1024

#: Environment variables whose values must never be written to disk.
SECRET_ENVS = (NCBI_API_KEY_ENV, SMTP_PASSWORD_ENV, SECRET_KEY_ENV)

MASK = b"***"

#: ``api_key=…``, ``password=…`` (a URL echoed by an error page, a form) and ``Authorization: …``.
_SECRET_PARAMS = re.compile(rb"(?i)\b((?:api[_-]?key|password|passwd|pwd|access[_-]?token)=)[^&\s\"'<>;]+")
_AUTH_HEADER = re.compile(rb"(?i)\b((?:proxy-)?authorization\s*[:=]\s*)[^\r\n\"'<>]+")


def mask_secrets(data: bytes) -> bytes:
    """``data`` with every secret value (in its plain, URL-, HTML- and JSON-escaped forms) replaced."""
    for name in SECRET_ENVS:
        value = os.environ.get(name, "").strip()
        if len(value) < 4:  # too short to mask without garbling unrelated text
            continue
        forms = {value, quote(value, safe=""), quote_plus(value), html.escape(value), json.dumps(value)[1:-1]}
        for form in sorted(forms, key=len, reverse=True):
            data = data.replace(form.encode("utf-8"), MASK)
    data = _SECRET_PARAMS.sub(rb"\1***", data)
    return _AUTH_HEADER.sub(rb"\1***", data)


def mask_text(text: str) -> str:
    return mask_secrets(text.encode("utf-8", "backslashreplace")).decode("utf-8", "replace")


def failed_folder(data_dir: Path) -> Path:
    """``data_dir/failed``, created private (0700), and made private if an older version left it open."""
    folder = data_dir / "failed"
    if not data_dir.exists():
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def keep_raw_reply(data_dir: Path, source: str, raw: bytes, error: str) -> Path:
    """Save a reply that failed to parse (gzip, capped, secrets masked) with its error, for replay."""
    return _keep(data_dir, source, "raw", raw, error)


def keep_record(data_dir: Path, source: str, what: str, raw: bytes, error: str) -> Path:
    """Save one set-aside record's raw form with what it was and why it was set aside."""
    return _keep(data_dir, source, "record", raw, f"{what}: {error}")


def keep_crash(data_dir: Path, source: str, traceback_text: str) -> Path:
    """Save the traceback of an unexpected failure, for a bug report (secrets masked)."""
    path = _create(failed_folder(data_dir), source, ".crash.txt")
    with open(path, "wb") as fh:  # created 0600 by _create
        fh.write(mask_secrets(traceback_text.encode("utf-8", "backslashreplace")))
    return path


def _keep(data_dir: Path, source: str, kind: str, raw: bytes, error: str) -> Path:
    path = _create(failed_folder(data_dir), source, f".{kind}.gz")
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb") as gz:
        gz.write(mask_secrets(raw[:RAW_FAILED_CAP]))
    note = path.with_suffix(".error.txt")
    _create_exact(note)
    truncated = " (truncated)" if len(raw) > RAW_FAILED_CAP else ""
    note.write_text(f"{mask_text(error)}\noriginal size: {len(raw)} bytes{truncated}\n", encoding="utf-8")
    return path


def _create(folder: Path, source: str, suffix: str) -> Path:
    """A new private file ``SOURCE-STAMP[-N]SUFFIX`` (never one that exists: two records of one run
    set aside in the same microsecond each get their own)."""
    stamp = re.sub(r"[^0-9]", "", utcnow())[:20]
    safe_source = re.sub(r"[^A-Za-z0-9_.-]", "_", source) or "source"
    for attempt in range(1000):
        path = folder / f"{safe_source}-{stamp}{f'-{attempt}' if attempt else ''}{suffix}"
        with contextlib.suppress(FileExistsError):
            _create_exact(path)
            return path
    raise FileExistsError(f"no free file name for {safe_source}-{stamp}{suffix} in {folder}")


def _create_exact(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
