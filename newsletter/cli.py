"""The ``osteodigest`` command: parse options, call one function, map failures to exit codes.

Exit codes (documented in the README, defined in :mod:`crawler.exits`): 0 all well, 1 partial failure
(some source or delivery failed, the rest was done; or the store is damaged), 2 usage or configuration
error, 75 temporary failure worth retrying from cron (another instance holds the lock, the store is
locked, a disk is full or read-only), 130 interrupted. Whatever ends a command, it says so in one line
on stderr, never with a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from osteodigest.crawler import __version__
from osteodigest.crawler.clock import SYSTEM_CLOCK, Clock
from osteodigest.crawler.errors import OsteoDigestError, StoreDamagedError, WriteError
from osteodigest.crawler.exits import EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, status_for
from osteodigest.crawler.files import cause, replacing
from osteodigest.crawler.settings import CONFIG_NAME, Settings, find_config, load_settings
from osteodigest.newsletter.logs import json_stderr, setup_logging, wanted_format

# The fetch run, the store and the HTTP stack are imported by the commands that use them, not here:
# ``tag`` and ``dedup`` need none of them, and importing them was most of a short command's start.
if TYPE_CHECKING:
    from osteodigest.crawler.models import Work
    from osteodigest.crawler.run import RunReport
    from osteodigest.crawler.store import Store

#: System errors that mean "could not write here": a full disk or quota, a read-only file system, no
#: permission. Ending a command, they are a temporary failure like a full store (exit 75), in one line.
_WRITE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO)

log = logging.getLogger("osteodigest")


class UsageError(OsteoDigestError):
    """Bad command-line usage (exit 2)."""


def _open_store(settings: Settings) -> Store:
    from osteodigest.crawler.store import Store

    return Store(settings.database_path)


def _print_fetch_report(report: RunReport) -> None:
    """Each source's problems on stderr, one ``source: cause`` line each (warnings and counts are logged)."""
    from osteodigest.crawler.run import log_fetch_report

    for line in log_fetch_report(report, log):
        print(line, file=sys.stderr)  # sys.stderr looked up now, so a redirected stderr gets it


# --------------------------------------------------------------------------------------------- commands
def cmd_dedup(args: argparse.Namespace, settings: Settings | None) -> int:
    from osteodigest.crawler.dedup.cli_command import run_dedup_command

    return run_dedup_command(
        list(args.inputs), args.output, args.explain, max_input_bytes=args.max_input_size
    )


def cmd_tag(args: argparse.Namespace, settings: Settings | None) -> int:
    # Not through the tagging package, whose rules take half a second to import: the command imports
    # them only when it tags in this process (see crawler/tag_command.py).
    from osteodigest.crawler.tag_command import run

    return run(
        list(args.inputs),
        args.explain,
        max_input_bytes=args.max_input_size,
        topics_file=args.topics,
        jobs=args.jobs,
    )


def cmd_init(args: argparse.Namespace, settings: Settings | None) -> int:
    target = Path(args.path)
    if target.exists() and not args.force:
        raise UsageError(f"{target} exists; use --force to overwrite it")
    starter = resources.files("osteodigest.crawler.data").joinpath("starter_config.toml")
    text = starter.read_text(encoding="utf-8")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:  # no such folder, a folder, read-only: the user's path to fix
        raise UsageError(f"cannot write {target}: {cause(exc)}") from None
    print(f"wrote {target}")
    print(_which_config_is_read(target))
    return EXIT_OK


def _which_config_is_read(written: Path) -> str:
    """Whether the commands run here will read the file just written, and if not, how to make them."""
    found = find_config(None)
    if found.path is not None and found.path.resolve() == written.resolve():
        return f"commands run in this folder read it ({found.found_by}); `osteodigest config check` checks it"
    reading = f"{found.path} ({found.found_by})" if found.path else "the built-in defaults"
    return (
        f"commands run here read {reading}, not this file: pass --config {written}"
        f" or set OSTEODIGEST_CONFIG={written.resolve()}"
        + ("" if written.name == CONFIG_NAME else f" (or name it {CONFIG_NAME} in the folder you run from)")
    )


def cmd_config(args: argparse.Namespace, settings: Settings | None) -> int:
    """``config check``: every problem at once (exit 2 when one is an error); ``config show``."""
    from osteodigest.newsletter.config_command import check, show

    settings = load_settings(args.config, check=False)
    if args.action == "show":
        print(show(settings), end="")
        return EXIT_OK
    found = check(settings)
    where = f"{settings.path} ({settings.found_by})" if settings.path else "the built-in defaults"
    for finding in found:
        print(f"osteodigest: {'error' if finding.error else 'warning'}: {finding}", file=sys.stderr)
    errors = sum(f.error for f in found)
    if errors:
        return EXIT_USAGE
    print(f"{where}: ok" + (f" ({len(found)} warnings)" if found else ""))
    return EXIT_OK


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.newsletter.sources_command import sources_listing

    with _open_store(settings) as store:
        print(sources_listing(settings, store), end="")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the store with SQLite's online backup, safe while other commands run."""
    from osteodigest.crawler.store import backup_database

    target = Path(args.path)
    if target.is_dir():
        target = target / settings.database_path.name
    if target.resolve() == settings.database_path.resolve():
        raise UsageError(f"{target} is the store itself: back it up to another file")
    backup_database(settings.database_path, target)
    log.info("store %s backed up to %s", settings.database_path, target)
    print(f"backed up {settings.database_path} to {target}")
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.run import run_fetch
    from osteodigest.newsletter.schedule import check_sources

    with _open_store(settings) as store:
        report = run_fetch(settings, store, only=args.source or None, clock=args.clock)
        check_sources(settings, store)
    _print_fetch_report(report)
    return report.exit_status


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.run import load_topics_for
    from osteodigest.newsletter.edition import describe_editions, publish_due

    with _open_store(settings) as store:
        frequencies = [args.frequency] if args.frequency else None
        made = publish_due(settings, store, load_topics_for(settings), frequencies)
        for line in describe_editions(settings, store, made, frequencies):
            print(line)
    return EXIT_OK


def cmd_preview(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.run import load_topics_for
    from osteodigest.newsletter.preview import write_preview

    with _open_store(settings) as store:
        try:
            written = write_preview(
                settings,
                store,
                load_topics_for(settings),
                subscriber=args.subscriber,
                frequency=args.frequency,
            )
        except LookupError as exc:
            raise UsageError(str(exc)) from None
    print(written.describe)
    if args.open:
        import webbrowser

        webbrowser.open(written.html.resolve().as_uri())
    return EXIT_OK


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.run import load_topics_for, run_fetch
    from osteodigest.newsletter.edition import publish_due
    from osteodigest.newsletter.schedule import check_sources

    with _open_store(settings) as store:
        report = run_fetch(settings, store, clock=args.clock)
        _print_fetch_report(report)
        check_sources(settings, store)
        if report.nothing_fetched:
            # An edition now would tell readers "nothing new" about literature it never saw; the works
            # that were missed are still new to the next edition, so skipping loses nothing.
            print("osteodigest: no edition made: no source could be fetched", file=sys.stderr)
            return EXIT_PARTIAL
        began = time.perf_counter()
        for result in publish_due(settings, store, load_topics_for(settings)):
            log.info(
                "%s edition %d with %d items written to %s (built in %.1f s)",
                result.frequency,
                result.edition_id,
                result.items,
                result.files[-1],
                time.perf_counter() - began,
            )
            began = time.perf_counter()
    return report.exit_status


def cmd_schedule(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.newsletter.schedule import Daemon, describe_jobs, run_once

    if args.list:
        for row in describe_jobs(settings):
            print(f"{row['job']:<24} {row['cron']:<16} next {row['next']}{'  (due)' if row['due'] else ''}")
        return EXIT_OK
    if args.once:
        return run_once(settings, clock=args.clock)
    return Daemon(settings, clock=args.clock).run()


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.status import (
        collect_status,
        damaged_store_document,
        format_status,
        status_to_dict,
    )

    try:
        with _open_store(settings) as store:
            store.check_integrity()
            status = collect_status(settings, store)
    except StoreDamagedError as exc:
        if not args.json:
            raise
        print(json.dumps(damaged_store_document(settings.database_path, str(exc)), indent=2))
        print(f"osteodigest: {exc}", file=sys.stderr)
        return EXIT_PARTIAL
    if args.json:
        print(json.dumps(status_to_dict(status), indent=2, ensure_ascii=False))
    else:
        print(format_status(status), end="")
    return EXIT_PARTIAL if status.flags else EXIT_OK


def cmd_backfill(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.backfill import backfill

    progress = True if args.progress else False if args.no_progress else None
    with _open_store(settings) as store:
        report = backfill(
            settings,
            store,
            args.since,
            args.until,
            args.source or None,
            args.window_days,
            progress,
            clock=args.clock,
        )
    for source in report.sources:
        for error in source.errors:
            print(f"{source.source}: {error}", file=sys.stderr)
        log.info(
            "%s: %d of %d windows fetched now (%d done before), %d records, %d new works",
            source.source,
            source.fetched,
            source.windows,
            source.already_done,
            source.records,
            source.new_works,
        )
    return EXIT_OK if report.ok else EXIT_PARTIAL


def cmd_retag(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.retag import retag
    from osteodigest.crawler.run import relevance_stage_for

    progress = True if args.progress else False if args.no_progress else None
    stage = relevance_stage_for(settings)
    with _open_store(settings) as store:
        report = retag(store, stage, batch=args.batch_size, progress=progress)
    for line in report.lines():
        print(line)
    if report.failures:
        work_id, error = report.failures[0]
        print(
            f"osteodigest: {len(report.failures)} works could not be assessed and were left as they were,"
            f" first work {work_id}: {error}",
            file=sys.stderr,
        )
    return EXIT_OK if report.ok else EXIT_PARTIAL


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    with _open_store(settings) as store:
        if not args.output:
            for work in store.works.iter_all():
                sys.stdout.write(json.dumps(work_to_export(work), ensure_ascii=False) + "\n")
            return EXIT_OK
        with output_file(Path(args.output)) as out:
            for work in store.works.iter_all():
                out.write(json.dumps(work_to_export(work), ensure_ascii=False) + "\n")
    return EXIT_OK


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[TextIO]:
    """``-o PATH`` written whole or not at all (:func:`crawler.files.replacing`); a path that cannot be
    written (no such folder, a folder, read-only, a full disk) is the user's to fix: exit 2, one line."""
    try:
        with replacing(path) as handle:
            yield handle
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {cause(exc)}") from None


def work_to_export(work: Work) -> dict[str, Any]:
    primary = work.primary
    return {
        "id": work.id,
        "pmid": work.pmid,
        "doi": work.doi,
        "pmcid": work.pmcid,
        "title": primary.title,
        "journal": primary.journal,
        "published": primary.published,
        "first_seen": work.first_seen,
        "kind": primary.kind,
        "sources": list(work.sources),
        "topics": list(work.topics),
        "relevance": {name: decision.to_dict() for name, decision in work.relevance.items()},
        "study_type": work.tags.study_type,
        "evidence_level": work.tags.evidence_level,
        "flags": sorted(set(work.flags) | set(work.tags.flags)),
        "subtopics": list(work.tags.topics),
        "key_numbers": work.tags.key_numbers,
        "records": [{"source": r.source, "source_id": r.source_id, "kind": r.kind} for r in work.records],
    }


def cmd_web(args: argparse.Namespace, settings: Settings) -> int:
    """Serve the subscriber's web with Werkzeug's threaded server (for production see the README)."""
    from osteodigest.newsletter.web import create_app
    from werkzeug.serving import run_simple

    run_simple(args.host, args.port, create_app(settings), threaded=True)
    return EXIT_OK


def cmd_mailbox(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.newsletter.mailbox import read_mailbox

    with _open_store(settings) as store:
        report = read_mailbox(settings, store)
    for address in report.unsubscribed:
        print(f"unsubscribed (mailto request): {address}")
    for address in report.now_bouncing:
        print(f"bouncing (no longer mailed): {address}")
    for subject, why in report.unhandled:
        print(f"left for a person: {subject!r}: {why}")
    print(report.summary())
    return EXIT_OK


def cmd_send(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.run import load_topics_for
    from osteodigest.newsletter.send import report_lines, send_editions

    with _open_store(settings) as store:
        report = send_editions(
            settings,
            store,
            load_topics_for(settings),
            dry_run=args.dry_run,
            build=not args.no_build,
            resend_unknown=args.resend_unknown,
            held_locks=("send",),  # main() holds it for every command named send
        )
    out, err = report_lines(report)
    for line in out:
        print(line)
    for line in err:
        print(f"osteodigest: {line}", file=sys.stderr)
    return report.exit_status


def cmd_subscribers(args: argparse.Namespace, settings: Settings) -> int:
    from osteodigest.crawler.run import all_topics_for
    from osteodigest.newsletter import subscribers as subs
    from osteodigest.newsletter.select import topic_choices

    known = list(topic_choices(all_topics_for(settings)))
    frequency = settings.section("digest")["frequency"]
    with _open_store(settings) as store:
        try:
            if args.action in ("add", "set"):
                given = {
                    "frequency": args.frequency,
                    "topics": args.topics,
                    "include_types": args.types,
                    "exclude_types": args.exclude_types,
                    "min_evidence": args.min_evidence,
                    "max_items": args.max_items,
                }
                known_reader = subs.find_subscriber(store, args.email)
                if known_reader is None and args.action == "set":
                    print(f"osteodigest: no subscriber {args.email} (add them first)", file=sys.stderr)
                    return EXIT_PARTIAL
                if known_reader is not None and known_reader.status != "unsubscribed":
                    # A known reader: only the options given change (the rest is theirs).
                    prefs = subs.merge_preferences(known_reader.prefs, known_topics=known, **given)
                else:
                    prefs = subs.make_preferences(**given, known_topics=known, default_frequency=frequency)
                resubscribe = getattr(args, "resubscribe", False)
                result = subs.add_subscriber(store, args.email, prefs, resubscribe=resubscribe)
                print(f"{result.action}: {subs.describe(result.subscriber)}")
                return EXIT_OK
            if args.action == "import":
                report = subs.import_csv(store, args.file, known_topics=known, default_frequency=frequency)
                for note in report.notes:
                    print(f"{args.file}: {note}")
                for line, problem in report.problems:
                    print(f"osteodigest: {args.file}: line {line}: {problem}", file=sys.stderr)
                bad = len(report.problems)
                print(f"{report.added} added, {report.unchanged} already subscribed, {bad} rows not imported")
                return EXIT_OK if report.ok else EXIT_PARTIAL
            if args.action == "list":
                rows = subs.list_subscribers(store, args.status)
                if args.format == "csv":
                    sys.stdout.write(subs.subscribers_csv(rows))
                else:
                    for row in rows:
                        print(subs.describe(row, store.subscribers.bounces(row.id, limit=1)))
                return EXIT_OK
            if args.action == "reactivate":
                from osteodigest.newsletter.bounces import reactivate

                reader = subs.find_subscriber(store, args.email)
                if reader is None:
                    print(f"osteodigest: no subscriber {args.email}", file=sys.stderr)
                    return EXIT_PARTIAL
                if not reactivate(store, reader.id):
                    print(
                        f"osteodigest: {reader.email} is {reader.status}, not bouncing:"
                        " nothing to reactivate",
                        file=sys.stderr,
                    )
                    return EXIT_PARTIAL
                print(f"reactivated: {reader.email} (mailed again; earlier bounces no longer count)")
                return EXIT_OK
            if not subs.remove_subscriber(store, args.email, purge=args.purge):
                print(f"osteodigest: no subscriber {args.email}", file=sys.stderr)
                return EXIT_PARTIAL
            print(f"{'purged' if args.purge else 'unsubscribed'}: {args.email}")
            return EXIT_OK
        except subs.InvalidInput as exc:
            raise UsageError(str(exc)) from None


# --------------------------------------------------------------------------------------------- parser
def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _max_input_size(parser: argparse.ArgumentParser) -> None:
    from osteodigest.crawler.inputs import DEFAULT_MAX_INPUT_BYTES, describe_size, parse_size

    def size(text: str) -> int:
        try:
            return parse_size(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parser.add_argument(
        "--max-input-size",
        metavar="SIZE",
        type=size,
        default=DEFAULT_MAX_INPUT_BYTES,
        help=f"stop at an input larger than this once decompressed (2G, 500M …; default"
        f" {describe_size(DEFAULT_MAX_INPUT_BYTES)})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osteodigest",
        description="Literature digest on osteonecrosis and osteoporosis: fetch, deduplicate, tag, email.",
    )
    parser.add_argument("--version", action="version", version=f"osteodigest {__version__}")
    _global_options(parser, after_command=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("init", help="write a commented starter config file")
    p.add_argument("path", nargs="?", default="osteodigest.toml")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_init, needs_settings=False)

    p = sub.add_parser("run", help="the main job: fetch every enabled source, then build the edition")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("fetch", help="fetch every enabled source (or those named) into the store")
    p.add_argument("--source", action="append", metavar="NAME", help="only this source (repeatable)")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("digest", help="make the editions that are due (one per frequency and period)")
    p.add_argument(
        "--frequency",
        choices=("daily", "weekly", "monthly"),
        help="only this frequency (default: [digest] frequency and every frequency a reader chose)",
    )
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser("preview", help="write the next edition (or one reader's next message) to a file")
    p.add_argument("--subscriber", metavar="EMAIL", help="the message this reader would get next")
    p.add_argument(
        "--frequency", choices=("daily", "weekly", "monthly"), help="default: the reader's, else [digest]"
    )
    p.add_argument("--open", action="store_true", help="open the written page in a browser")
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("dedup", help="deduplicate a bibliography (CSV, RIS, PubMed XML) into id,cluster_id")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path, help="CSV, RIS or PubMed XML (.gz ok)")
    p.add_argument("--output", "-o", metavar="OUT.csv", type=Path, required=True, help="id,cluster_id CSV")
    p.add_argument("--explain", action="store_true", help="print why each merge and notice link happened")
    _max_input_size(p)
    p.set_defaults(func=cmd_dedup, needs_settings=False)

    p = sub.add_parser("tag", help="study type, evidence level, topics and key numbers as JSON Lines")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        type=Path,
        help="PubMed XML (.gz ok), PubMed text format (.nbib), JSON Lines, RIS or CSV; - for stdin",
    )
    p.add_argument("--explain", action="store_true", help="add the title and a readable line per tag")
    p.add_argument(
        "--topics",
        type=Path,
        default=None,
        metavar="FILE",
        help="a topics file merged into the shipped topics for the relevance decisions",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help="processes tagging inputs of 1,000 records or more (default: one per usable CPU;"
        " 1: no worker processes)",
    )
    _max_input_size(p)
    p.set_defaults(func=cmd_tag, needs_settings=False)

    p = sub.add_parser("schedule", help="run fetch and edition jobs on their cron schedules (foreground)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="run every job that is due, then exit")
    mode.add_argument("--list", action="store_true", help="list the jobs, their next run and what is due")
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser("status", help="per source: last success, errors, failures in a row, watermark")
    p.add_argument("--json", action="store_true", help="one JSON document, for monitoring")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("backfill", help="fetch history in date windows (resumable)")
    p.add_argument("--since", type=date.fromisoformat, required=True, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--until", type=date.fromisoformat, metavar="DATE", help="YYYY-MM-DD (default: today)")
    p.add_argument("--source", action="append", metavar="NAME", help="only this source (repeatable)")
    p.add_argument("--window-days", type=int, default=7, metavar="N", help="days per window (default 7)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", help="progress bar even when not on a terminal")
    bar.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser(
        "retag", help="assess every stored work again (relevance and tags) after a topic or tagger change"
    )
    p.add_argument("--batch-size", type=_positive, default=500, metavar="N", help="works per batch (500)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", help="progress bar even when not on a terminal")
    bar.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_retag)

    p = sub.add_parser("export", help="write every stored work as JSON Lines")
    p.add_argument("--format", choices=("jsonl",), default="jsonl")
    p.add_argument("--output", "-o", metavar="FILE", help="default: standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("web", help="serve editions, the Atom feed, unsubscribe and preferences pages")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    p.set_defaults(func=cmd_web)

    p = sub.add_parser("send", help="email the latest edition to every subscriber due it, exactly once")
    p.add_argument("--dry-run", action="store_true", help="render and list what would be sent; send nothing")
    p.add_argument("--no-build", action="store_true", help="only send editions that already exist")
    p.add_argument(
        "--resend-unknown",
        action="store_true",
        help="resend deliveries interrupted by a crash (same Message-ID), after checking the server log",
    )
    p.set_defaults(func=cmd_send)

    p = sub.add_parser("mailbox", help="read the list's mailbox (IMAP): bounces and mailto unsubscribes")
    p.set_defaults(func=cmd_mailbox)

    p = sub.add_parser("subscribers", help="add, import, list, reactivate or remove subscribers")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in (
        ("add", "add a subscriber; for one already there, change only the options given"),
        ("set", "change only the options given of an existing subscriber"),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("email")
        a.add_argument(
            "--topics",
            action="append",
            metavar="T,T",
            help="only these topics ('' for all): osteoporosis, jaw_osteonecrosis, site:jaw, drug:denosumab",
        )
        a.add_argument("--types", action="append", metavar="T,T", help="only these study types ('' for all)")
        a.add_argument("--exclude-types", action="append", metavar="T,T", help="never these: animal,in_vitro")
        a.add_argument("--min-evidence", type=int, metavar="N", help="evidence level N or better (1 best, 5)")
        a.add_argument("--frequency", choices=("daily", "weekly", "monthly"), help="default from [digest]")
        a.add_argument("--max-items", type=int, metavar="N", help="items shown in full (digest.max_items)")
        if name == "add":
            a.add_argument("--resubscribe", action="store_true", help="re-add an address that unsubscribed")
    a = actions.add_parser("import", help="add subscribers from CSV; bad rows are reported by line")
    a.add_argument("file", metavar="FILE.csv")
    a = actions.add_parser("list", help="list subscribers")
    a.add_argument(
        "--status", choices=("active", "pending", "unsubscribed", "bouncing"), help="only this status"
    )
    a.add_argument("--format", choices=("text", "csv"), default="text", help="csv imports back unchanged")
    a = actions.add_parser("reactivate", help="mail a bouncing subscriber again (their bounces reset)")
    a.add_argument("email")
    a = actions.add_parser("remove", help="unsubscribe an address (kept so it is never mailed again)")
    a.add_argument("email")
    a.add_argument("--purge", action="store_true", help="delete the address and its delivery history")
    p.set_defaults(func=cmd_subscribers)

    p = sub.add_parser("config", help="check the configuration, or show it with where each value came from")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("check", help="check every value (paths, ports, addresses, URLs, schedules, topics)")
    actions.add_parser("show", help="the effective configuration, its origins, the topics and the feeds")
    p.set_defaults(func=cmd_config, needs_settings=False)

    p = sub.add_parser("sources", help="every source, feed and page: on or off, last success, counts")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("backup", help="copy the store with SQLite's online backup (safe while running)")
    p.add_argument("path", metavar="PATH", help="the copy to write (a folder: the store's name in it)")
    p.set_defaults(func=cmd_backup)

    # The global options after the command too (`osteodigest status --config x.toml`), at any depth.
    pending = [parser]
    while pending:
        for action in pending.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in dict.fromkeys(action.choices.values()):
                    _global_options(child, after_command=True)
                    pending.append(child)
    return parser


def _global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """``--config``, ``--verbose`` and ``--log-format``, given before the command or after it.

    After it their default is SUPPRESS: a command's parser sets a value only when the option is given
    there, so one given before the command is not reset to the default by the command's own parser.
    """
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if after_command else {}
    parser.add_argument(
        "--config",
        "-c",
        metavar="PATH",
        help=f"TOML config file (default: $OSTEODIGEST_CONFIG, else ./{CONFIG_NAME}, else the user config"
        " folder's, else built-in defaults)",
        **default,
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="log progress, not only problems", **default
    )
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        help="stderr format: lines, or one JSON object a line (every line)",
        **({"default": "text"} | default),
    )


def main(argv: Sequence[str] | None = None, clock: Clock = SYSTEM_CLOCK) -> int:
    """Run one command; ``clock`` keeps the waits politeness asks for while fetching (real by default,
    a test's own to see them without sleeping through them)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Every line on stderr in the format asked for, argparse's own usage errors included.
    with json_stderr(wanted_format(argv) == "json"):
        return _main(argv, clock)


def _main(argv: list[str], clock: Clock) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        args.clock = clock
    except SystemExit as exc:  # argparse: --help and --version end well, anything else is bad usage
        return EXIT_OK if not exc.code else EXIT_USAGE
    setup_logging(args.verbose, args.log_format)
    settings: Settings | None = None
    try:
        try:
            settings = load_settings(args.config) if getattr(args, "needs_settings", True) else None
            if settings is None:
                return args.func(args, settings)
            from osteodigest.crawler.locks import command_lock

            # One instance per job: a second `run` while one is active exits 75 at once (crawler/locks.py).
            with command_lock(settings.database_path, args.command):
                return args.func(args, settings)
        except sqlite3.Error as exc:
            # A read outside the store's transactions met a damaged or unreadable file.
            from osteodigest.crawler.store import store_failure

            where = settings.database_path if settings else "the store"
            raise store_failure(exc, where, f"store {where} cannot be read") from None
        except OSError as exc:
            if exc.errno not in _WRITE_ERRNOS:
                raise
            raise WriteError(exc.filename or "(a file the system did not name)", cause(exc)) from None
    except UsageError as exc:
        print(f"osteodigest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OsteoDigestError as exc:
        print(f"osteodigest: {exc}", file=sys.stderr)
        return status_for(exc)
    except KeyboardInterrupt:
        print("osteodigest: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours. Silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
