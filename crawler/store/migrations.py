"""Every migration of the store, in the one order a store applies them (each in its own transaction,
recorded by name).

The four migrations that shipped before the store became a package (0001..0004) are kept here word for
word, because stores in the field have applied them under these names and each spans several families
of tables; never edit one. Every later migration belongs to the owner of its tables (``works.py``,
``editions.py``, ``subscribers.py``, ``ops.py``, ``headlines.py``), which defines it beside its
queries; it is listed in :data:`MIGRATIONS` after the shipped ones, in the order of its number. Append
only, and never edit one that has reached a store.
"""

from __future__ import annotations

from osteodigest.crawler.store import editions, headlines, ops, subscribers, works
from osteodigest.crawler.store.database import Migration

#: Shipped before the owners existed: (name, SQL) exactly as stores in the field applied them.
SHIPPED: list[Migration] = [
    (
        "0001_initial",
        """
        CREATE TABLE works (
            id INTEGER PRIMARY KEY,
            first_seen TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            changed_at TEXT,
            flags TEXT NOT NULL DEFAULT '[]',
            topics TEXT NOT NULL DEFAULT '[]',
            tags TEXT
        );
        CREATE INDEX works_first_seen ON works(first_seen);
        CREATE INDEX works_changed_at ON works(changed_at);

        CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            source_id TEXT NOT NULL,
            work_id INTEGER NOT NULL REFERENCES works(id),
            kind TEXT NOT NULL,
            doi TEXT,
            pmid TEXT,
            pmcid TEXT,
            data TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (source, source_id)
        );
        CREATE INDEX records_work ON records(work_id);
        CREATE INDEX records_doi ON records(doi);
        CREATE INDEX records_pmid ON records(pmid);

        -- Blocking keys (identifiers, title keys, author+year …) through which new records find
        -- candidate works without rescanning the store.
        CREATE TABLE work_keys (
            key TEXT NOT NULL,
            work_id INTEGER NOT NULL REFERENCES works(id),
            PRIMARY KEY (key, work_id)
        ) WITHOUT ROWID;
        CREATE INDEX work_keys_work ON work_keys(work_id);

        -- Typed edges between works: a notice 'corrects'/'retracts' its article, a comment 'comment_on'.
        CREATE TABLE work_links (
            from_work INTEGER NOT NULL REFERENCES works(id),
            to_work INTEGER NOT NULL REFERENCES works(id),
            type TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (from_work, to_work, type)
        );

        -- Watermarks and conditional-GET validators, per source and key (topic, feed URL …).
        CREATE TABLE source_state (
            source TEXT NOT NULL,
            key TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (source, key)
        );

        CREATE TABLE fetch_log (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            topic TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            error TEXT,
            records INTEGER NOT NULL DEFAULT 0,
            new_works INTEGER NOT NULL DEFAULT 0,
            requests INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX fetch_log_source ON fetch_log(source, id);

        CREATE TABLE editions (
            id INTEGER PRIMARY KEY,
            frequency TEXT NOT NULL,
            created_at TEXT NOT NULL,
            period_start TEXT,
            period_end TEXT NOT NULL,
            title TEXT NOT NULL
        );
        CREATE INDEX editions_frequency ON editions(frequency, id);

        CREATE TABLE edition_items (
            edition_id INTEGER NOT NULL REFERENCES editions(id),
            work_id INTEGER NOT NULL REFERENCES works(id),
            position INTEGER NOT NULL,
            section TEXT NOT NULL,
            PRIMARY KEY (edition_id, work_id)
        );
        """,
    ),
    (
        "0002_backfill_windows_and_alerts",
        """
        -- Date windows a backfill has stored completely, so an interrupted backfill resumes after them.
        CREATE TABLE backfill_windows (
            source TEXT NOT NULL,
            window_start TEXT NOT NULL,
            window_end TEXT NOT NULL,
            records INTEGER NOT NULL DEFAULT 0,
            completed_at TEXT NOT NULL,
            PRIMARY KEY (source, window_start, window_end)
        );

        -- Monitoring incidents (a source failing N runs in a row, or silent for longer than ever): one
        -- row, and one alert email, per incident; closed when the source recovers.
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            notified_at TEXT,
            closed_at TEXT
        );
        CREATE UNIQUE INDEX alerts_one_open ON alerts(source, kind) WHERE closed_at IS NULL;
        """,
    ),
    (
        "0003_subscribers_and_deliveries",
        """
        -- Readers and what they want. Rows are never reused (AUTOINCREMENT): a signed token names a
        -- subscriber id, and an old token must never reach whoever might get a recycled id.
        -- status: active | pending (awaiting double opt-in) | unsubscribed. An unsubscribed row is kept
        -- (without preferences) as the suppression list, so an import can never silently re-add it.
        CREATE TABLE subscribers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'active',
            frequency TEXT NOT NULL DEFAULT 'weekly',
            topics TEXT NOT NULL DEFAULT '[]',
            include_types TEXT NOT NULL DEFAULT '[]',
            exclude_types TEXT NOT NULL DEFAULT '[]',
            min_evidence INTEGER,
            max_items INTEGER,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            unsubscribed_at TEXT
        );
        CREATE INDEX subscribers_due ON subscribers(status, frequency);

        -- One row per (edition, subscriber), claimed before the message leaves and never deleted, so a
        -- second or concurrent send cannot deliver it again. status: claimed | sent | failed_temp |
        -- failed_perm | unknown (a claim whose sender died before recording the outcome) | skipped
        -- (nothing in the edition for this reader). message_id is fixed at the first claim and reused
        -- by every retry, so a receiver that did get an earlier attempt can recognise the duplicate.
        CREATE TABLE deliveries (
            edition_id INTEGER NOT NULL REFERENCES editions(id),
            subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            message_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_by TEXT,
            claimed_at TEXT,
            next_attempt_at TEXT,
            sent_at TEXT,
            error TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (edition_id, subscriber_id)
        );
        CREATE INDEX deliveries_status ON deliveries(status, next_attempt_at);
        CREATE INDEX deliveries_subscriber ON deliveries(subscriber_id);
        """,
    ),
    (
        "0004_runs_and_set_aside_records",
        """
        -- Records of a reply that could not be read or stored and were kept under data/failed/ instead,
        -- and whether a failure was an unexpected exception (a bug) rather than a service's refusal.
        ALTER TABLE fetch_log ADD COLUMN set_aside INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE fetch_log ADD COLUMN crashed INTEGER NOT NULL DEFAULT 0;

        -- One row per fetch or backfill process, written when it starts and again when it ends, so a run
        -- killed or crashed before its end (finished_at still NULL, its process gone) shows in status.
        -- outcome: ok | partial | aborted: <why>.
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            sources TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT
        );
        CREATE INDEX runs_started ON runs(started_at);
        """,
    ),
]

#: The order every store applies them in: the shipped ones, then each owner's, oldest first.
MIGRATIONS: list[Migration] = [
    *SHIPPED,
    works.MIGRATION_0005,
    headlines.MIGRATION_0006,
    works.MIGRATION_0007,
    subscribers.MIGRATION_0008,
    editions.MIGRATION_0009,
    ops.MIGRATION_0010,
    works.MIGRATION_0011,
    works.MIGRATION_0012,
    works.MIGRATION_0013,
]
