"""A real IMAP server for the mailbox tests: Debian's dovecot-imapd, started by the test on 127.0.0.1.

Plain IMAP on loopback, one user with a password, Maildir storage under the test's temporary folder.
Messages reach the mailbox the way an MTA's delivery would leave them, through IMAP APPEND (with the
``Delivered-To`` line an MTA adds), and the test reads the folders back with :mod:`imaplib`.

The listening port: dovecot needs it in its configuration, and holding a socket open for it to inherit
is not something it supports, so a random port below the ephemeral range is tried and, when dovecot
reports it taken, another (never a port found free and released, which another process could take
meanwhile and make the test talk to the wrong server).
"""

from __future__ import annotations

import imaplib
import os
import pwd
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from subprocess import DEVNULL

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
#: The ports tried: below Linux's ephemeral range (32768-60999), where every server the other tests start
#: on port 0 and every outgoing connection gets its port, so only another dovecot can have taken one.
_PORTS = (20000, 32767)
#: What dovecot logs when the port is taken.
_TAKEN = "Address already in use"
USER = "digest-bounces@example.org"
PASSWORD = "mailbox-secret"

_CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
"""


def available() -> str | None:
    """None when dovecot can run here; else why not (the tests skip with it)."""
    if not Path(DOVECOT).exists():
        return "dovecot is not installed (Debian: apt-get install dovecot-imapd; .ci/run does)"
    if os.geteuid() != 0:
        return "dovecot needs root here to switch to its own users"
    try:
        pwd.getpwnam("dovecot")
        pwd.getpwnam("dovenull")
    except KeyError:
        return "the dovecot and dovenull users are missing (install dovecot-core)"
    return None


class Dovecot:
    """``with Dovecot() as server:`` a running dovecot; ``server.port``, ``server.append()``.

    Its files live in a folder of their own under the system's temporary folder, not in pytest's
    ``tmp_path``: that one is private to root, and dovecot's login and mail processes run as its own
    users, who must reach their sockets and the mail (short paths also keep socket names legal).
    """

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="osteodigest-imap-"))
        self.root.chmod(0o755)
        self.port = 0
        self._conf = self.root / "dovecot.conf"

    def __enter__(self) -> Dovecot:
        owner = pwd.getpwnam("dovecot")
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        os.chown(self.root / "mail", owner.pw_uid, owner.pw_gid)
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        for _ in range(5):
            self.port = random.randint(*_PORTS)
            self._conf.write_text(
                _CONFIG.format(root=self.root, port=self.port, uid=owner.pw_uid, gid=owner.pw_gid)
            )
            (self.root / "dovecot.log").unlink(missing_ok=True)  # a taken port's message is for that try
            # dovecot forks into the background; its child must not hold a pipe of ours open. It binds
            # before it forks, so a taken port usually ends this very call (exit status 89), and now and
            # then the background process finds it taken (see _wait_ready): another port either way.
            started = subprocess.run([DOVECOT, "-c", str(self._conf)], stdout=DEVNULL, stderr=DEVNULL)
            if started.returncode != 0:
                if _TAKEN in self._log():
                    continue
                log = self._log()
                shutil.rmtree(self.root, ignore_errors=True)
                raise RuntimeError(f"dovecot exited with status {started.returncode}: {log[-2000:]}")
            if self._wait_ready():
                return self
            self._stop()
        log = self._log()
        shutil.rmtree(self.root, ignore_errors=True)
        raise RuntimeError(f"dovecot did not start: {log[-2000:]}")

    def __exit__(self, *exc: object) -> None:
        self._stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def _log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _wait_ready(self) -> bool:
        """True once the IMAP port answers; False when dovecot says the port is taken."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if _TAKEN in self._log():
                return False
            try:
                imaplib.IMAP4("127.0.0.1", self.port, timeout=2).logout()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def _stop(self) -> None:
        subprocess.run([DOVECOT, "-c", str(self._conf), "stop"], stdout=DEVNULL, stderr=DEVNULL)
        pid_file = self.root / "run" / "master.pid"
        deadline = time.monotonic() + 10
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(USER, PASSWORD)
        return imap

    def append(self, message: bytes, folder: str = "INBOX", delivered_to: str | None = None) -> None:
        """Deliver ``message`` into ``folder`` as an MTA would (with its ``Delivered-To`` line)."""
        if delivered_to:
            message = f"Delivered-To: {delivered_to}\r\n".encode() + message
        imap = self.client()
        try:
            crlf = message.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            imap.append(folder, "", imaplib.Time2Internaldate(time.time()), crlf)
        finally:
            imap.logout()

    def messages(self, folder: str) -> list[bytes]:
        """Every message in ``folder`` (empty when the folder does not exist)."""
        imap = self.client()
        try:
            status, _ = imap.select(folder, readonly=True)
            if status != "OK":
                return []
            _, data = imap.uid("SEARCH", "ALL")
            out = []
            for uid in data[0].split():
                _, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
                out.append(next(p[1] for p in parts if isinstance(p, tuple)))
            return out
        finally:
            imap.logout()
