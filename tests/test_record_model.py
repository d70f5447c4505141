"""The Record's own __init__ (models._slot_setting_init) behaves as the frozen dataclass's would."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from osteodigest.crawler.models import Record, Relation


def test_record_keeps_defaults_factories_and_immutability() -> None:
    record = Record(
        "pubmed", "1", "A title", authors=("Doe J",), relations=(Relation("corrects", "pmid", "2"),)
    )
    assert record == Record(
        source="pubmed",
        source_id="1",
        title="A title",
        authors=("Doe J",),
        relations=(Relation("corrects", "pmid", "2"),),
    )
    assert type(record) is Record  # the __init__ lends it to a mutable twin class and gives it back
    assert (record.kind, record.abstract, record.mesh, record.doi) == ("article", "", (), None)
    other = Record("pubmed", "1", "A title")
    assert record.extra == {} and record.extra is not other.extra  # a fresh dict for each record
    given = {"isbn": "123"}
    assert Record("pubmed", "2", "t", extra=given).extra is given
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.title = "changed"  # type: ignore[misc]
    assert dataclasses.replace(record, title="New").title == "New"
    assert pickle.loads(pickle.dumps(record)) == record
    assert hash(record) == hash(dataclasses.replace(record))


def test_record_rejects_what_the_dataclass_rejected() -> None:
    with pytest.raises(TypeError, match="title"):
        Record("pubmed", "1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="colour"):
        Record("pubmed", "1", "t", colour="red")  # type: ignore[call-arg]
