"""``osteodigest retag``: assess every stored work again after the topics or the tagger changed.

A topics file gains a topic (``[topics.atypical_femoral_fracture]``) or a sense rule, or the tagger
learns a design: the works already stored keep what they were given when they were fetched until they are
assessed again. This goes through every work in batches, with the same assessment a fetch gives a changed
work (:func:`crawler.run.assess`: tags and relevance from all its records), writes each batch in one
transaction (an interrupted retag keeps the batches done, and running it again is harmless), and says
what changed: per topic, the works that became about it and those that stopped being about it, and the
works whose study type changed. Only ``about`` puts a work in an edition, so the summary is what the next
editions will show differently.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

from osteodigest.crawler.assessing import assess
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.sources.guard import describe_error
from osteodigest.crawler.store import Store
from tqdm import tqdm

#: Works read, assessed and written at a time.
BATCH = 500
#: Changes of study type listed by name in the summary; the rest are counted.
MAX_TYPE_CHANGES = 8


@dataclass
class TopicChange:
    """Works that became about a topic, and works that stopped being about it."""

    became: int = 0
    stopped: int = 0


@dataclass
class RetagReport:
    works: int = 0
    #: Per topic, in the order of the topics (then topics no longer configured that works were about).
    topics: dict[str, TopicChange] = field(default_factory=dict)
    #: (study type before, after) -> works, for the works whose study type changed.
    study_types: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    #: (work id, error) for each work that could not be assessed: left as it was.
    failures: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def lines(self) -> list[str]:
        """The summary, one line per topic, then the study types."""
        out = [f"retagged {self.works} works"]
        for name, change in self.topics.items():
            parts = [
                f"{n} {'became' if key == 'became' else 'stopped being'} about it"
                for key, n in (("became", change.became), ("stopped", change.stopped))
                if n
            ]
            out.append(f"{name}: {', '.join(parts) if parts else 'no change'}")
        changed = sum(self.study_types.values())
        if not changed:
            out.append("study types: no change")
        else:
            shown = ", ".join(
                f"{old or 'none'} → {new or 'none'} {n}"
                for (old, new), n in self.study_types.most_common(MAX_TYPE_CHANGES)
            )
            more = len(self.study_types) - MAX_TYPE_CHANGES
            if more > 0:
                shown += f", {more} other changes"
            out.append(f"study types: {changed} works changed ({shown})")
        return out


def retag(
    store: Store, stage: RelevanceStage, *, batch: int = BATCH, progress: bool | None = None
) -> RetagReport:
    """Assess every stored work again with ``stage`` and the tagger; returns what changed.

    ``progress`` shows a tqdm bar on stderr (works, works/s); None means "when stderr is a terminal", so
    a cron log stays clean. A work the tagger or the stage fails on is left as it was and reported.
    """
    report = RetagReport(topics={t.name: TopicChange() for t in stage.topics})
    ids = store.works.ids()
    bar = tqdm(
        total=len(ids),
        unit="work",
        file=sys.stderr,
        disable=not sys.stderr.isatty() if progress is None else not progress,
        dynamic_ncols=True,
    )
    try:
        for start in range(0, len(ids), batch):
            works = store.works.get_many(ids[start : start + batch])
            tags, decisions = {}, {}
            for work in works:
                try:
                    tags[work.id], decisions[work.id] = assess(work, stage)
                except Exception as exc:  # one work must not stop the others
                    report.failures.append((work.id, describe_error(exc)))
                    continue
                before = set(work.topics)
                after = {name for name, decision in decisions[work.id].items() if decision.is_about}
                for name in after - before:
                    report.topics.setdefault(name, TopicChange()).became += 1
                for name in before - after:
                    report.topics.setdefault(name, TopicChange()).stopped += 1
                if work.tags.study_type != tags[work.id].study_type:
                    report.study_types[(work.tags.study_type, tags[work.id].study_type)] += 1
            with store.transaction():
                store.works.set_tags(tags)
                store.works.set_relevance(decisions)
            report.works += len(tags)
            bar.update(len(works))
    finally:
        bar.close()
    return report
