"""The design tagger on the same labelled records given in the forms datasets give them to `osteodigest tag`.

Run from the repository root:

    python benchmarks/input_forms.py            # the bulk file's dev and test splits
    python benchmarks/input_forms.py --split dev

Why: the held-out sets of issue 14 are run through ``osteodigest tag`` from files we never see. A record
whose structured abstract arrives as one string ("BACKGROUND: …", "Background: …", headings on lines of
their own or in capitals without a colon), in JATS, with its title run into the text, or without a title
or journal, should get the design it gets from PubMed's XML, as far as the text allows.

Records: the bulk file's labelled records (publisher and hand labels, as ``benchmarks/tagging.py`` scores
them) of the dev and test splits (``benchmarks/design_split.md``), indexing stripped, each written with
its title, abstract and journal only. The reference row tags the same three fields with the abstract's
sections as PubMed's XML gives them. Every other row writes a CSV or JSON-lines file and runs the real
command (:func:`crawler.tag_command.run`) on it.

What tuned what: the readers of written headings, of JATS and of a run-in title (``crawler/abstracts.py``,
``crawler/tag_command.py``) were written while comparing these forms on the dev split and the bone
subset's structured abstracts; the test split's rows were read after. The design model and rules were not
changed for them.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import design_data
from osteodigest.crawler.models import Record
from osteodigest.crawler.tag_command import run
from osteodigest.crawler.tagging import tag_records
from tagging import BULK, TARGETS, load_samples, merged, read_pubmed, score, strip_indexing, untyped_share

Row = dict[str, str]


def _sections(record: Record, form: Callable[[str, str], str], joiner: str = " ") -> str:
    if not record.abstract_sections:
        return record.abstract
    return joiner.join(form(label, text) if label else text for label, text in record.abstract_sections)


def _jats(record: Record) -> str:
    if not record.abstract_sections:
        return f"<jats:p>{html.escape(record.abstract)}</jats:p>"
    return "".join(
        f"<jats:sec><jats:title>{html.escape(label)}</jats:title><jats:p>{html.escape(text)}</jats:p></jats:sec>"
        if label
        else f"<jats:p>{html.escape(text)}</jats:p>"
        for label, text in record.abstract_sections
    )


def _upper(record: Record) -> str:
    return _sections(record, lambda label, text: f"{label.upper()}: {text}")


#: name -> (file suffix, the row written for a record)
FORMS: dict[str, tuple[str, Callable[[Record], Row]]] = {
    "headings 'LABEL: text' (CSV)": (
        "csv",
        lambda r: {"title": r.title, "abstract": _upper(r), "journal": r.journal or ""},
    ),
    "headings 'Label: text' (CSV)": (
        "csv",
        lambda r: {
            "title": r.title,
            "abstract": _sections(r, lambda label, text: f"{label.capitalize()}: {text}"),
            "journal": r.journal or "",
        },
    ),
    "headings on lines of their own": (
        "jsonl",
        lambda r: {
            "title": r.title,
            "abstract": _sections(r, lambda label, text: f"{label.capitalize()}\n{text}", "\n"),
            "journal": r.journal or "",
        },
    ),
    "headings in capitals, no colon": (
        "jsonl",
        lambda r: {
            "title": r.title,
            "abstract": _sections(r, lambda label, text: f"{label.upper()} {text}"),
            "journal": r.journal or "",
        },
    ),
    "headings glued to the text (medRxiv)": (
        "jsonl",
        lambda r: {
            "title": r.title,
            "abstract": _sections(r, lambda label, text: f"{label.capitalize()}{text}"),
            "journal": r.journal or "",
        },
    ),
    "JATS abstract (Crossref)": (
        "jsonl",
        lambda r: {"title": r.title, "abstract": _jats(r), "journal": r.journal or ""},
    ),
    "title and abstract as one 'text'": (
        "jsonl",
        lambda r: {"text": f"{r.title} {_upper(r)}".strip(), "journal": r.journal or ""},
    ),
    "journal as its ISO abbreviation": (
        "csv",
        lambda r: {"title": r.title, "abstract": _upper(r), "journal": r.journal_abbrev or r.journal or ""},
    ),
    "no journal": ("jsonl", lambda r: {"title": r.title, "abstract": _upper(r)}),
    "no title (abstract only)": ("jsonl", lambda r: {"abstract": _upper(r), "journal": r.journal or ""}),
}


def _write(path: Path, rows: list[Row]) -> None:
    if path.suffix == ".csv":
        names = sorted({k for row in rows for k in row})
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=names)
            writer.writeheader()
            writer.writerows(rows)
    else:
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def _line(name: str, pairs: list[tuple[str | None, str]], moved: int | None) -> str:
    stats = score([(merged(g), merged(p)) for g, p in pairs])
    figures = ", ".join(
        f"{k} {stats[k]['precision']:.3f}/{stats[k]['recall']:.3f}"
        for k in TARGETS
        if k in stats and k != "commentary"
    )
    untyped, human = untyped_share(pairs)
    changed = "" if moved is None else f"; {moved} designs differ from the reference"
    return f"  {name:<36} {figures}; untyped {untyped}/{human}{changed}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    args = parser.parse_args(argv)
    if not BULK.exists():
        print(f"input forms benchmark: {BULK} is missing", file=sys.stderr)
        return 2
    bulk = read_pubmed(BULK)
    sample = {r.pmid for r in load_samples()}
    hand = design_data.load_hand_labels()
    by_pmid = {r.pmid: r for r in bulk}
    print(__doc__.split("\n\n")[-1].replace("\n", " ").strip())
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        examples = [
            ex
            for ex in design_data.examples(bulk, sample, hand)
            if ex.split == split and ex.source in ("publisher", "hand")
        ]
        records = [strip_indexing(by_pmid[ex.pmid]) for ex in examples]
        gold = [ex.label for ex in examples]
        print(f"\n== {split} split: {len(records)} labelled records (P/R; publisher and hand labels)")
        reference = [
            tag_records(
                [
                    Record(
                        source="pubmed",
                        source_id=r.pmid or "",
                        title=r.title,
                        abstract=r.abstract,
                        abstract_sections=r.abstract_sections,
                        journal=r.journal,
                    )
                ]
            ).study_type
            for r in records
        ]
        print(_line("reference (PubMed XML's sections)", list(zip(gold, reference, strict=True)), None))
        with tempfile.TemporaryDirectory() as tmp:
            for name, (suffix, row_of) in FORMS.items():
                path = Path(tmp) / f"form.{suffix}"
                _write(path, [{"id": f"r{i}", **row_of(r)} for i, r in enumerate(records)])
                out = io.StringIO()
                run([path], out=out, err=io.StringIO(), jobs=1)
                tagged = {
                    line["id"]: line["study_type"] for line in map(json.loads, out.getvalue().splitlines())
                }
                predicted = [tagged.get(f"r{i}", "other") for i in range(len(records))]
                moved = sum(1 for a, b in zip(reference, predicted, strict=True) if a != b)
                print(_line(name, list(zip(gold, predicted, strict=True)), moved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
