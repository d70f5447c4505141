"""Files and folders the tool keeps for itself: private (0600 / 0700), and written whole or not at all.

Why private: the store holds every reader's address, an outbox message carries working unsubscribe and
preferences links, and the key file signs such links; none of it is for the machine's other users. The
mode is set explicitly after creating (``fchmod``/``chmod``) because the umask can only take bits away:
with an operator's usual umask of 022 a plain create would leave them readable by everyone, and with a
umask of 077 a folder could not even be entered by the mail tooling run as the same user.

Why whole: whoever reads the outbox (the mail tooling, a person, the next run) must never find half a
message, and a full disk must leave the previous state rather than a truncated file. Each file is
written under a temporary name in its own folder, flushed to disk, and renamed over its final name (a
rename within one file system is atomic); the folder is synced so that the rename survives a power cut.

Every failure to write is a :class:`~osteodigest.crawler.errors.WriteError` naming the final path (not
the temporary one) and the system's reason, which the CLI prints as its one line with exit status 75.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from osteodigest.crawler.errors import WriteError

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def cause(exc: OSError) -> str:
    """The system's reason in words ("No space left on device"), without the errno noise."""
    return exc.strerror or str(exc) or type(exc).__name__


def private_folder(path: Path) -> Path:
    """``path`` as a folder: missing folders (parents too) are created with mode 0700.

    A folder that already exists keeps its mode: it may be the operator's working directory, which is
    not ours to lock down. Raises WriteError when it cannot be created or is not a folder.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and not probe.is_symlink() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_FOLDER)
            os.chmod(folder, PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made meanwhile by another process: theirs is as good
        except OSError as exc:
            raise WriteError(folder, cause(exc)) from None
    if not path.is_dir():
        raise WriteError(path, "exists and is not a folder")
    return path


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 if it does not exist yet; True when this call created it.

    For files another program fills in (SQLite creates its ``-wal`` and ``-shm`` with the mode of the
    database file, so a database created here keeps all three private).
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise WriteError(path, cause(exc)) from None
    try:
        os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return True


def tighten(path: Path) -> bool:
    """Take the group and other permissions off an existing private file; True when the mode changed.

    Files made by earlier versions were created with the umask's mode (often 0644). A file we do not
    own (chmod refused) is left as it is: the owner decides.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return False
    if not mode & 0o077:
        return False
    try:
        os.chmod(path, mode & ~0o077)
    except OSError:
        return False
    return True


def write_atomic(path: Path, data: bytes) -> Path:
    """Write one private file whole (see the module docstring); its folder is made if missing."""
    return write_files([(path, data)])[0]


def write_files(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every file whole and private, or none of them.

    All are first written and synced under temporary names, and only then renamed into place, so a
    full disk stops the set before any final name changes. Should a rename fail after others succeeded,
    the renamed ones are removed again (a file they replaced is not restored: callers only replace files
    of their own that nothing has read yet, such as an edition id reused after a rolled-back attempt).
    """
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        for temporary, path in staged:
            try:
                os.replace(temporary, path)
            except OSError as exc:
                raise WriteError(path, cause(exc)) from None
            placed.append(path)
        for folder in dict.fromkeys(path.parent for path, _ in files):
            _sync_folder(folder)
    except BaseException:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
    return [path for path, _ in files]


def create_exclusive(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data``, whole and private, unless it exists; True when this call made it.

    A synced temporary file is hard-linked to the final name (``link`` refuses an existing name), so two
    processes racing to create the same file cannot both win, and no reader ever finds it empty or
    half-written, even when the disk fills up in the middle.
    """
    temporary = _stage(path, data)
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError as exc:
        raise WriteError(path, cause(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    _sync_folder(path.parent)
    return True


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a private, synced temporary file beside ``path``; WriteError names ``path``."""
    private_folder(path.parent)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, cause(exc)) from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise WriteError(path, cause(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable; a file system that cannot sync folders is not an error."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[TextIO]:
    """A text file for a user's ``-o``: written beside ``path`` and renamed onto it only once the block
    has finished, so a failure (a full disk half-way) never leaves a truncated file that looks whole.

    Unlike the tool's own files it gets the umask's usual mode: it is the user's output. Raises OSError
    for the caller to word (an output path is the user's to fix, not a fault of the tool's state).
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
