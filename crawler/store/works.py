"""Works and records: the only module that runs SQL on ``works``, ``records``, ``work_keys`` and
``work_links``.

Records are upserted on (source, source_id); which work a new record joins is decided by
:mod:`crawler.dedup` from candidate works found through the ``work_keys`` index, never by rescanning.
A work is *changed* when a later record flags it (an erratum, a retraction): the next edition lists it
under status changes, through :meth:`Works.edition_candidates`, the one query both the edition and its
preview use.

What a work is about is kept with it, like its tags: the relevance stage's decisions from all its records
(``works.relevance``, per topic: decision, score, worded reason, evidence) and the names of the topics it
is *about* (``works.topics``, the weightiest first), written by :meth:`Works.set_relevance` whenever the
work changes. Only a work about some topic is an edition candidate; a work not yet assessed is about
nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from osteodigest.crawler import dedup
from osteodigest.crawler.models import (
    AWAITING_INDEXING,
    Record,
    Tags,
    TopicRelevance,
    Work,
    relevance_from_json,
    relevance_to_json,
)
from osteodigest.crawler.store.database import Database, Migration, utcnow

#: The tables this module owns.
TABLES = ("works", "records", "work_keys", "work_links")

MIGRATION_0012: Migration = (
    "0012_preprints_split_from_their_articles",
    """
    -- A preprint and its journal article used to share one work (flagged 'published'), so readers who
    -- never had the preprint never got the article. Each such work is split: the article's records keep
    -- the work (and its id, which editions and deliveries name), the preprint's records move to a new
    -- work linked to it ('published_as', preprint -> article) and flagged 'published' in its place. The
    -- new work keeps the old one's dates, topics and relevance (no edition lists it again: it is
    -- published) and is tagged afresh by the next run (tags NULL). Its blocking keys are the old work's
    -- (a few more candidates for later records, never a wrong merge: the records decide). No earlier
    -- version wrote a 'published_as' link.
    -- The works to split are those holding both kinds of record; each one's new work gets the id
    -- old + K, K the largest work id before (a subquery SQLite evaluates once). The links then record
    -- which new work is whose, and every later step reads them.
    INSERT INTO works (id, first_seen, updated_at, changed_at, flags, topics, tags, relevance, assessed_at)
        SELECT id + (SELECT MAX(id) FROM works), first_seen, updated_at, changed_at, '["published"]', topics,
               NULL, relevance, assessed_at
        FROM works
        WHERE id IN (
            SELECT work_id FROM records WHERE kind = 'preprint'
            INTERSECT SELECT work_id FROM records WHERE kind != 'preprint'
        );
    -- K again: the largest id now less the largest work split (its records have not moved yet).
    INSERT INTO work_links (from_work, to_work, type, created_at)
        SELECT id + (SELECT MAX(id) FROM works) - (
                   SELECT MAX(work_id) FROM (
                       SELECT work_id FROM records WHERE kind = 'preprint'
                       INTERSECT SELECT work_id FROM records WHERE kind != 'preprint'
                   )
               ),
               id, 'published_as', updated_at
        FROM works
        WHERE id IN (
            SELECT work_id FROM records WHERE kind = 'preprint'
            INTERSECT SELECT work_id FROM records WHERE kind != 'preprint'
        );
    UPDATE records
        SET work_id = (
            SELECT from_work FROM work_links WHERE to_work = records.work_id AND type = 'published_as'
        )
        WHERE kind = 'preprint' AND work_id IN (SELECT to_work FROM work_links WHERE type = 'published_as');
    INSERT OR IGNORE INTO work_keys (key, work_id)
        SELECT work_keys.key, work_links.from_work
        FROM work_keys JOIN work_links ON work_links.to_work = work_keys.work_id
        WHERE work_links.type = 'published_as';
    -- The article no longer carries 'published' (the preprint does): taken out of the JSON list as
    -- json.dumps wrote it (the flag later, first, or alone).
    UPDATE works
        SET flags = replace(
            replace(replace(flags, ', "published"', ''), '"published", ', ''), '"published"', ''
        )
        WHERE id IN (SELECT to_work FROM work_links WHERE type = 'published_as');
    -- A journal article's label names its preprint: links are read by their target too; and every
    -- edition leaves out the preprints whose article is stored, read by type.
    CREATE INDEX work_links_to ON work_links(to_work);
    CREATE INDEX work_links_type ON work_links(type, from_work);
    """,
)


MIGRATION_0013: Migration = (
    "0013_version_links_one_way",
    """
    -- Earlier versions stored a version link from whichever record came second: 'updates' from a later
    -- version, 'updated_by' from an earlier one stored after it. Every link is now later -> earlier
    -- ('updates'), as the store writes them.
    INSERT OR IGNORE INTO work_links (from_work, to_work, type, created_at)
        SELECT to_work, from_work, 'updates', created_at FROM work_links WHERE type = 'updated_by';
    DELETE FROM work_links WHERE type = 'updated_by';
    """,
)


#: The link from a preprint's work to its journal article's work: two works, so the article is news to
#: every reader; the preprint, flagged ``published``, is never new to an edition again.
PUBLISHED_AS = "published_as"
#: The dedup engine's names for the two directions of that link (see :class:`crawler.dedup.Decision`).
_PREPRINT_LINKS = frozenset({"preprint_of", "has_preprint"})

#: Identifier columns of ``records`` a fetch may ask about: those with an index (``pmcid`` has none, so
#: asking about one would read every record).
IDENTIFIERS = ("doi", "pmid")

MIGRATION_0005: Migration = (
    "0005_works_changed_and_untagged_indexes",
    """
    -- The works an edition lists under status changes (changed since the previous edition, first seen
    -- before it), and the works a failed tag step left untagged (tagged again after every fetch). Both
    -- are a sliver of the table: partial indexes keep them small and let neither query read every work.
    CREATE INDEX works_changed ON works(changed_at, first_seen) WHERE changed_at IS NOT NULL;
    CREATE INDEX works_untagged ON works(id) WHERE tags IS NULL;
    """,
)

MIGRATION_0007: Migration = (
    "0007_works_relevance",
    """
    -- The relevance stage's decisions from all of a work's records, per topic (decision, score, worded
    -- reason, evidence), written with its tags whenever the work changes. works.topics now names the
    -- topics a work is *about* (no longer the searches that found it), so what earlier versions wrote
    -- there is cleared: a work is about nothing until assessed. The partial index finds the works never
    -- assessed (all of them, after this migration), assessed after every fetch and before every edition.
    ALTER TABLE works ADD COLUMN relevance TEXT;
    UPDATE works SET topics = '[]';
    CREATE INDEX works_unassessed ON works(id) WHERE relevance IS NULL;
    -- When a work was first assessed: one whose assessment failed at first (about nothing meanwhile) is
    -- new to the first edition made after it is assessed, not lost to the edition of its week. Works
    -- already stored count as assessed when first seen (they were in the editions of their time).
    ALTER TABLE works ADD COLUMN assessed_at TEXT;
    UPDATE works SET assessed_at = first_seen;
    CREATE INDEX works_assessed_at ON works(assessed_at);
    """,
)


#: A work that is not a preprint whose journal article is stored (read through the work_links_type index).
_NOT_PUBLISHED = f"id NOT IN (SELECT from_work FROM work_links WHERE type = '{PUBLISHED_AS}')"

MIGRATION_0011: Migration = (
    "0011_records_indexing_status",
    """
    -- NLM's status of a PubMed record as stored (MedlineCitation/@Status, NULL for other sources) and when
    -- a later version of it was last asked for. A record stored before NLM indexed it (no MeSH headings,
    -- no publication types yet) is asked for again, a few per run, oldest-checked first, so its tags
    -- follow the indexing; the partial index holds only those records, a sliver of the table.
    ALTER TABLE records ADD COLUMN indexing_status TEXT;
    ALTER TABLE records ADD COLUMN checked_at TEXT;
    UPDATE records SET indexing_status = json_extract(data, '$.extra.medline_status'), checked_at = fetched_at
        WHERE json_type(data, '$.extra.medline_status') = 'text';
    CREATE INDEX records_awaiting_indexing ON records(source, checked_at)
        WHERE indexing_status IN ('Publisher', 'In-Data-Review', 'In-Process');
    """,
)

#: The partial index's condition, word for word (SQLite uses a partial index only for a query whose WHERE
#: contains its condition as written): the statuses of :data:`AWAITING_INDEXING`.
_AWAITING = "indexing_status IN (" + ", ".join(f"'{status}'" for status in AWAITING_INDEXING) + ")"


@dataclass
class SaveSummary:
    records: int = 0
    new_records: int = 0
    new_works: int = 0
    changed_work_ids: set[int] = field(default_factory=set)

    def plus(self, other: SaveSummary) -> SaveSummary:
        """Both summaries' counts together (a topic's batches stored before its last result, and that
        result's own); the changed works are the last result's, which only its assess stage reads."""
        return SaveSummary(
            self.records + other.records,
            self.new_records + other.new_records,
            self.new_works + other.new_works,
            self.changed_work_ids,
        )

    def counts(self, set_aside: int) -> dict[str, int]:
        """What storing added to a result's counts (:mod:`crawler.stats`): records new and already
        stored, new works, and ``set_aside`` records that could not be read or stored."""
        return {
            "new_records": self.new_records,
            "duplicates": self.records - self.new_records,
            "new_works": self.new_works,
            "set_aside": set_aside,
        }


class Works:
    """Works, their records, their blocking keys and the typed links between them."""

    def __init__(self, db: Database) -> None:
        self._db = db
        #: Stored records read lately as dedup candidates, by row id (least recently used dropped first):
        #: the works a batch's records are compared with come back again and again, and reading a record
        #: (JSON, then the typed record) cost more than comparing it. The same objects keep dedup's own
        #: cache of their features hitting. Each is kept with a digest of the row's text and used only
        #: while the row still holds that text (a row rewritten, or rolled back and its id reused, is read
        #: anew): the digest, not the text, as the text (~2 KB a record) was a third of the cache's size.
        self._recent: OrderedDict[int, tuple[bytes, Record]] = OrderedDict()

    # ----------------------------------------------------------------- saving records
    def save(self, records: Iterable[Record]) -> SaveSummary:
        """Upsert records and place each new one in a work, in one transaction (or savepoint)."""
        with self._db.transaction():
            return self._save(records)

    def _save(self, records: Iterable[Record]) -> SaveSummary:
        conn = self._db.conn
        summary = SaveSummary()
        now = self._db.stamp()
        for record in records:
            summary.records += 1
            row = conn.execute(
                "SELECT id, work_id, data FROM records WHERE source = ? AND source_id = ?",
                (record.source, record.source_id),
            ).fetchone()
            data = json.dumps(record.to_dict(), sort_keys=True, ensure_ascii=False)
            if row is not None:
                work_id = row["work_id"]
                if row["data"] != data:
                    old = Record.from_dict(json.loads(row["data"]))
                    merged = _merge_topics(old, record)
                    conn.execute(
                        "UPDATE records SET data = ?, kind = ?, doi = ?, pmid = ?, pmcid = ?, updated_at = ?,"
                        " indexing_status = ?, checked_at = ? WHERE id = ?",
                        (
                            json.dumps(merged.to_dict(), sort_keys=True, ensure_ascii=False),
                            merged.kind,
                            merged.doi,
                            merged.pmid,
                            merged.pmcid,
                            now,
                            merged.indexing_status,
                            now if merged.indexing_status else None,
                            row["id"],
                        ),
                    )
                    keys = dedup.match_keys(merged)
                    self._index(work_id, keys)
                    self._relink(work_id, old, merged, keys, now)
                    self._refresh_work(work_id, now)
                    summary.changed_work_ids.add(work_id)
                continue
            summary.new_records += 1
            keys = dedup.match_keys(record)
            work_id, created = self._place(record, keys, now)
            conn.execute(
                "INSERT INTO records (source, source_id, work_id, kind, doi, pmid, pmcid, data, fetched_at,"
                " updated_at, indexing_status, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.source,
                    record.source_id,
                    work_id,
                    record.kind,
                    record.doi,
                    record.pmid,
                    record.pmcid,
                    data,
                    now,
                    now,
                    record.indexing_status,
                    now if record.indexing_status else None,
                ),
            )
            self._index(work_id, keys)
            if not created:  # a new work was created with this time
                self._refresh_work(work_id, now)
            summary.new_works += int(created)
            summary.changed_work_ids.add(work_id)
        return summary

    def _place(self, record: Record, keys: Sequence[str], now: str) -> tuple[int, bool]:
        """Find the work a new record belongs to (or create one) and record typed links and flags.

        A notice (erratum, retraction) gets a work of its own, linked to its article, which is flagged
        so the next edition can say so; so does another version of a Cochrane review
        (``updates``/``updated_by``), the earlier one flagged ``updated``, and a preprint or its journal
        article (:data:`PUBLISHED_AS`), the preprint flagged ``published``.
        """
        conn = self._db.conn
        decision = dedup.decide(record, self._candidates(keys))
        joins = decision.action == "join" and decision.work_id is not None
        if joins:
            work_id = decision.work_id
        else:
            work_id = conn.execute(
                "INSERT INTO works (first_seen, updated_at) VALUES (?, ?)", (now, now)
            ).lastrowid
        assert work_id is not None
        links = list(decision.links)
        if decision.action in ("notice", "version", "preprint") and decision.work_id is not None:
            assert decision.relation is not None
            links.append((decision.relation, decision.work_id))
        self._link(work_id, links, now)
        # A notice flags the article it concerns; any other decision flags the work the record is in,
        # including a new one (a record marked retracted, or whose erratum is already stored).
        flagged = work_id
        if decision.action == "notice" and decision.work_id is not None:
            flagged = decision.work_id
        for flag in decision.flags:
            # Another version of a review: "updated" marks the earlier one (its readers are told).
            earlier = decision.action == "version" and decision.relation == "updates" and flag == "updated"
            self._flag(decision.work_id if earlier and decision.work_id is not None else flagged, flag, now)
        return work_id, not joins

    def _link(self, work_id: int, links: Sequence[tuple[str, int]], now: str) -> None:
        """Store the typed links of ``work_id``'s new record. A preprint's link to its journal article is
        kept one way only, preprint → article (:data:`PUBLISHED_AS`), whichever arrived first, and flags
        the preprint ``published``: its readers are told, and it is never new to an edition again. A
        version link is kept one way too, later → earlier (``updates``), so a reader of links never
        depends on which version was fetched first."""
        for link_type, target in links:
            source = work_id
            if link_type == "updated_by":  # the new record is the earlier version
                source, target, link_type = target, work_id, "updates"
            if link_type in _PREPRINT_LINKS:
                preprint, article = (work_id, target) if link_type == "preprint_of" else (target, work_id)
                if preprint == article:
                    continue
                self._db.conn.execute(
                    "INSERT OR IGNORE INTO work_links VALUES (?, ?, ?, ?)",
                    (preprint, article, PUBLISHED_AS, now),
                )
                self._flag(preprint, "published", now)
                continue
            self._db.conn.execute(
                "INSERT OR IGNORE INTO work_links VALUES (?, ?, ?, ?)", (source, target, link_type, now)
            )

    def _relink(self, work_id: int, old: Record, record: Record, keys: Sequence[str], now: str) -> None:
        """A stored record fetched again now declaring another version (bioRxiv fills in a preprint's
        ``published`` DOI once the journal has it): link its work to the work holding that version."""
        if {r for r in record.relations if r.type in _PREPRINT_LINKS} <= set(old.relations):
            return
        others = [(wid, records) for wid, records in self._candidates(keys) if wid != work_id]
        decision = dedup.decide(record, others)
        if decision.action == "preprint" and decision.work_id is not None and decision.relation:
            self._link(work_id, [(decision.relation, decision.work_id)], now)

    def _candidates(self, keys: Sequence[str]) -> list[tuple[int, list[Record]]]:
        """The works sharing a key with the new record, each with its records, read by index only.

        A key shared by more works than a dedup block holds ("ay:wang|2021") says nothing on its own
        and would make every new record re-read hundreds of works (the batch path, likewise, only
        compares such a block's members within a title window); title and citation keys still count.
        Each key's look-up stops one past that size, so a common key costs the same at a million works
        as at a thousand.
        """
        conn = self._db.conn
        keys = list(dict.fromkeys(keys))
        if not keys:
            return []
        # One statement for all the keys (a record has about nine), each key's look-up still stopping
        # one past the block size: a statement per key cost more in Python than in SQLite.
        sql = _KEY_LOOKUPS.get(len(keys))
        if sql is None:
            one = "SELECT * FROM (SELECT key, work_id FROM work_keys WHERE key = ? LIMIT ?)"
            sql = _KEY_LOOKUPS[len(keys)] = " UNION ALL ".join([one] * len(keys))
        args: list[str | int] = []
        for key in keys:
            args += (key, dedup.MAX_BLOCK + 1)
        per_key: dict[str, list[int]] = {}
        for key, work_id in conn.execute(sql, args):
            per_key.setdefault(key, []).append(work_id)
        found = {w for ids in per_key.values() if len(ids) <= dedup.MAX_BLOCK for w in ids}
        if not found:
            return []
        ids = sorted(found)
        records: dict[int, list[Record]] = {work_id: [] for work_id in ids}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT id, work_id, data FROM records WHERE work_id IN ({marks}) ORDER BY id"
        recent = self._recent
        for record_id, work_id, data in conn.execute(sql, ids):
            kept = recent.get(record_id)
            digest = _digest(data)
            if kept is not None and kept[0] == digest:
                recent.move_to_end(record_id)
                record = kept[1]
            else:
                record = Record.from_dict(json.loads(data))
                recent[record_id] = (digest, record)
                if len(recent) > _RECENT_RECORDS:
                    recent.popitem(last=False)
            records[work_id].append(record)
        return list(records.items())

    def _index(self, work_id: int, keys: Sequence[str]) -> None:
        self._db.conn.executemany(
            "INSERT OR IGNORE INTO work_keys (key, work_id) VALUES (?, ?)", [(key, work_id) for key in keys]
        )

    def _flag(self, work_id: int, flag: str, now: str) -> None:
        conn = self._db.conn
        row = conn.execute("SELECT flags FROM works WHERE id = ?", (work_id,)).fetchone()
        flags = json.loads(row[0]) if row else []
        if flag not in flags:
            flags.append(flag)
            conn.execute(
                "UPDATE works SET flags = ?, changed_at = ? WHERE id = ?", (json.dumps(flags), now, work_id)
            )

    def _refresh_work(self, work_id: int, now: str) -> None:
        self._db.conn.execute("UPDATE works SET updated_at = ? WHERE id = ?", (now, work_id))

    # ----------------------------------------------------------------- awaiting indexing
    def awaiting_indexing(self, source: str, stored_since: str, checked_before: str, limit: int) -> list[str]:
        """Ids of ``source``'s records still awaiting indexing (:data:`AWAITING_INDEXING`), first stored
        at ``stored_since`` or later and last checked before ``checked_before``: at most ``limit``, the
        longest unchecked first, so that every one is asked in turn however many wait."""
        return [
            r[0]
            for r in self._db.conn.execute(
                f"SELECT source_id FROM records WHERE source = ? AND {_AWAITING} AND checked_at < ?"
                " AND fetched_at >= ? ORDER BY checked_at, id LIMIT ?",
                (source, checked_before, stored_since, limit),
            )
        ]

    def mark_checked(self, source: str, source_ids: Sequence[str]) -> None:
        """Stamp when these records of ``source`` were last asked for (their stored data unchanged)."""
        now = self._db.stamp()
        with self._db.transaction():
            self._db.conn.executemany(
                "UPDATE records SET checked_at = ? WHERE source = ? AND source_id = ?",
                [(now, source, source_id) for source_id in source_ids],
            )

    def count_awaiting_indexing(self, source: str, stored_since: str) -> tuple[int, int]:
        """Works with a record of ``source`` still awaiting indexing: all of them, and those stored at
        ``stored_since`` or later (the ones a run still asks about)."""
        row = self._db.conn.execute(
            "SELECT COUNT(DISTINCT work_id), COUNT(DISTINCT CASE WHEN fetched_at >= ? THEN work_id END)"
            f" FROM records WHERE source = ? AND {_AWAITING}",
            (stored_since, source),
        ).fetchone()
        return int(row[0]), int(row[1])

    # ----------------------------------------------------------------- tags
    def mark_unassessed(self, work_ids: Iterable[int]) -> None:
        """Forget what was concluded about these works (tags, relevance, topics): their records changed
        and could not be assessed, so they wait, about nothing, for the next run to assess them, rather
        than keep conclusions drawn from records that are no longer what is stored."""
        with self._db.transaction():
            self._db.conn.executemany(
                "UPDATE works SET tags = NULL, relevance = NULL, topics = '[]' WHERE id = ?",
                [(work_id,) for work_id in work_ids],
            )

    def set_tags(self, tags_by_work: dict[int, Tags]) -> None:
        with self._db.transaction():
            self._db.conn.executemany(
                "UPDATE works SET tags = ? WHERE id = ?",
                [(json.dumps(t.to_dict(), sort_keys=True), wid) for wid, t in tags_by_work.items()],
            )

    def set_relevance(self, decisions_by_work: dict[int, dict[str, TopicRelevance]]) -> None:
        """Keep each work's relevance decisions, and name in ``topics`` those it is about, the weightiest
        first (a tie keeps the topics' order): the first is the edition section a work goes in."""
        now = utcnow()
        rows = []
        for work_id, decisions in decisions_by_work.items():
            about = [r for r in decisions.values() if r.is_about]
            about.sort(key=lambda r: -r.score)
            stored = json.dumps(relevance_to_json(decisions), sort_keys=True, ensure_ascii=False)
            rows.append((stored, json.dumps([r.topic for r in about]), now, work_id))
        with self._db.transaction():
            self._db.conn.executemany(
                "UPDATE works SET relevance = ?, topics = ?, assessed_at = COALESCE(assessed_at, ?)"
                " WHERE id = ?",
                rows,
            )

    # ----------------------------------------------------------------- reading
    def has_identifier(self, id_type: str, value: str) -> bool:
        """Whether any stored record carries this DOI or PMID (used to skip refetching)."""
        if id_type not in IDENTIFIERS:
            raise ValueError(f"unknown identifier type {id_type!r}")
        return (
            self._db.conn.execute(f"SELECT 1 FROM records WHERE {id_type} = ? LIMIT 1", (value,)).fetchone()
            is not None
        )

    def get(self, work_id: int) -> Work | None:
        works = self.get_many([work_id])
        return works[0] if works else None

    def get_many(self, work_ids: Sequence[int]) -> list[Work]:
        """Works in the order asked for, each with all its records."""
        conn = self._db.conn
        result: list[Work] = []
        for start in range(0, len(work_ids), 500):
            chunk = list(work_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = {r["id"]: r for r in conn.execute(f"SELECT * FROM works WHERE id IN ({marks})", chunk)}
            records: dict[int, list[Record]] = {}
            for r in conn.execute(
                f"SELECT work_id, data FROM records WHERE work_id IN ({marks}) ORDER BY id", chunk
            ):
                records.setdefault(r[0], []).append(Record.from_dict(json.loads(r[1])))
            result.extend(_work(rows[i], records.get(i, [])) for i in chunk if i in rows)
        return result

    def ids(self) -> list[int]:
        """Every work's id, in order."""
        return [r[0] for r in self._db.conn.execute("SELECT id FROM works ORDER BY id")]

    def new_ids(self, since: str | None, until: str) -> list[int]:
        """Ids of the works new to an edition covering (``since``, ``until``]: about a topic (the search
        that found a work is no verdict), and first seen in that span — or first seen before it but first
        assessed in it (its assessment had failed), so that no work misses every edition. A preprint whose
        journal article is stored is never new: the article is (:data:`PUBLISHED_AS`)."""
        args: tuple[str, ...]
        if since is None:
            sql = (
                "SELECT id FROM works WHERE first_seen <= ? AND topics != '[]'"
                f" AND {_NOT_PUBLISHED} ORDER BY id"
            )
            args = (until,)
        else:
            sql = (
                "SELECT id FROM works WHERE first_seen > ? AND first_seen <= ? AND topics != '[]'"
                f" AND {_NOT_PUBLISHED}"
                " UNION SELECT id FROM works WHERE assessed_at > ? AND assessed_at <= ? AND first_seen <= ?"
                f" AND topics != '[]' AND {_NOT_PUBLISHED} ORDER BY id"
            )
            args = (since, until, since, until, since)
        return [r[0] for r in self._db.conn.execute(sql, args)]

    def untagged_ids(self) -> list[int]:
        """Works stored but never tagged (their tag step failed): tagged again by the next run."""
        return [r[0] for r in self._db.conn.execute("SELECT id FROM works WHERE tags IS NULL ORDER BY id")]

    def unassessed_ids(self) -> list[int]:
        """Works whose relevance was never decided (stored by an earlier version, or their assessment
        failed): about nothing until the next fetch, the next edition or ``retag`` assesses them."""
        return [
            r[0] for r in self._db.conn.execute("SELECT id FROM works WHERE relevance IS NULL ORDER BY id")
        ]

    def changed_ids(self, since: str) -> list[int]:
        """Works first seen by ``since`` whose status changed after it (flagged by a later notice)."""
        # "+id": sort the few matches, rather than walk every work in id order to skip the sort.
        return [
            r[0]
            for r in self._db.conn.execute(
                "SELECT id FROM works WHERE changed_at > ? AND first_seen <= ? ORDER BY +id", (since, since)
            )
        ]

    def edition_candidates(self, since: str | None, until: str) -> tuple[list[Work], list[Work]]:
        """What an edition made at ``until`` after one ending at ``since`` would hold: the works new in
        between (:meth:`new_ids`), and the earlier works about a topic changed since (none for a first
        edition)."""
        new = self.get_many(self.new_ids(since, until))
        changed = self.get_many(self.changed_ids(since)) if since else []
        # Only a work about a topic: the retraction of a work no edition could list is no news to a reader.
        # Filtered here rather than in changed_ids, whose query the works_changed index covers (few rows).
        return new, [work for work in changed if work.topics]

    def iter_all(self, batch: int = 500) -> Iterator[Work]:
        ids = self.ids()
        for start in range(0, len(ids), batch):
            yield from self.get_many(ids[start : start + batch])

    def links_from(self, work_id: int) -> list[tuple[int, str]]:
        return [
            (r[0], r[1])
            for r in self._db.conn.execute(
                "SELECT to_work, type FROM work_links WHERE from_work = ?", (work_id,)
            )
        ]

    def links_to(self, work_id: int) -> list[tuple[int, str]]:
        """The works linking to ``work_id``, with the link's type (its preprint: ``published_as``)."""
        return [
            (r[0], r[1])
            for r in self._db.conn.execute(
                "SELECT from_work, type FROM work_links WHERE to_work = ?", (work_id,)
            )
        ]

    def count(self) -> int:
        return self._db.conn.execute("SELECT COUNT(*) FROM works").fetchone()[0]

    def count_records(self) -> int:
        return self._db.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]


#: Candidate records kept read (:attr:`Works._recent`): as many as dedup keeps features of.
_RECENT_RECORDS = 2048
#: The candidates' look-up statement by number of keys (built once each).
_KEY_LOOKUPS: dict[int, str] = {}


def _digest(data: str) -> bytes:
    """What :attr:`Works._recent` keeps of a record row's text to know it unchanged: 16 bytes of BLAKE2b
    (two different texts alike by chance: odds of 2^-128)."""
    return hashlib.blake2b(data.encode(), digest_size=16).digest()


def _work(row: sqlite3.Row, records: list[Record]) -> Work:
    return Work(
        id=row["id"],
        records=tuple(records),
        first_seen=row["first_seen"],
        topics=tuple(json.loads(row["topics"])),
        tags=Tags.from_dict(json.loads(row["tags"]) if row["tags"] else None),
        flags=tuple(json.loads(row["flags"])),
        changed_at=row["changed_at"],
        relevance=relevance_from_json(json.loads(row["relevance"]) if row["relevance"] else None),
    )


def _merge_topics(old: Record, new: Record) -> Record:
    """A record fetched again for another topic keeps the topics it was already found for."""
    topics = tuple(dict.fromkeys(old.topics + new.topics))
    if topics == new.topics:
        return new
    data = new.to_dict()
    data["topics"] = list(topics)
    return Record.from_dict(data)
