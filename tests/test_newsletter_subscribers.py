"""Subscribers, their preferences, CSV import, signed tokens, and the `subscribers` command."""

from __future__ import annotations

import os
import stat

import pytest
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.store import Store
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.select import Preferences
from osteodigest.newsletter.subscribers import (
    InvalidInput,
    add_subscriber,
    find_subscriber,
    import_csv,
    list_subscribers,
    make_preferences,
    normalize_email,
    remove_subscriber,
    subscribers_csv,
    unsubscribe,
    update_preferences,
)
from osteodigest.newsletter.tokens import BadToken, make_token, read_token

from tests.conftest import tampered_token
from tests.newsletter_data import make_settings

KNOWN = ("osteonecrosis", "osteoporosis")


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


@pytest.fixture
def store(settings):
    with Store(settings.database_path) as s:
        yield s


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("  Ann.Lee@Example.ORG ", "Ann.Lee@example.org"),
        ("o'neil+digest@hospital.ie", "o'neil+digest@hospital.ie"),
        ("x@bücher.de", "x@xn--bcher-kva.de"),
    ],
)
def test_addresses_are_normalized(raw, stored):
    assert normalize_email(raw) == stored


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "plainaddress",
        "a@b",
        "two@@example.org",
        "a b@example.org",
        "Bob <bob@example.org>",
        "x@localhost",
        "a@x.test",
    ],
)
def test_bad_addresses_are_refused_with_the_reason(bad):
    with pytest.raises(InvalidInput):
        normalize_email(bad)


def test_preferences_are_validated_and_normalized():
    prefs = make_preferences(
        topics="Osteonecrosis; osteoporosis",
        exclude_types=["animal", "in-vitro"],
        min_evidence="3",
        frequency="Daily",
        known_topics=KNOWN,
    )
    assert prefs == Preferences(
        frequency="daily",
        topics=("osteonecrosis", "osteoporosis"),
        exclude_types=("animal", "in_vitro"),
        min_evidence=3,
    )
    for bad in (
        {"topics": "osteoarthritis"},
        {"exclude_types": "horoscope"},
        {"min_evidence": 0},
        {"min_evidence": "high"},
        {"frequency": "hourly"},
        {"max_items": -1},
        {"include_types": "rct", "exclude_types": "rct"},
    ):
        with pytest.raises(InvalidInput):
            make_preferences(known_topics=KNOWN, **bad)


def test_one_reader_per_address_whatever_the_case(store):
    first = add_subscriber(store, "ann@example.org")
    again = add_subscriber(store, "ANN@example.org", make_preferences(min_evidence=2))
    assert first.action == "added" and again.action == "updated"
    assert again.subscriber.id == first.subscriber.id and again.subscriber.prefs.min_evidence == 2
    assert len(list_subscribers(store)) == 1


def test_removed_addresses_stay_suppressed_until_they_ask_back(store):
    reader = add_subscriber(store, "leaver@example.org").subscriber
    assert remove_subscriber(store, "Leaver@Example.org")
    assert find_subscriber(store, "leaver@example.org").status == "unsubscribed"
    with pytest.raises(InvalidInput, match="unsubscribed"):
        add_subscriber(store, "leaver@example.org")
    back = add_subscriber(store, "leaver@example.org", resubscribe=True)
    assert (
        back.action == "resubscribed"
        and back.subscriber.id == reader.id
        and back.subscriber.status == "active"
    )
    assert not remove_subscriber(store, "stranger@example.org")


def test_purge_erases_the_address_and_its_history(store):
    reader = add_subscriber(store, "erase@example.org").subscriber
    edition_id = store.editions.create("weekly", "T", lambda new, changed: [], lambda p, n: "")
    with store.transaction():
        store.conn.execute(
            "INSERT INTO deliveries (edition_id, subscriber_id, status, updated_at)"
            " VALUES (?, ?, 'sent', 'now')",
            (edition_id, reader.id),
        )
    assert remove_subscriber(store, "erase@example.org", purge=True)
    assert find_subscriber(store, "erase@example.org") is None
    assert store.conn.execute("SELECT COUNT(*) FROM deliveries").fetchone()[0] == 0
    assert add_subscriber(store, "erase@example.org").subscriber.id != reader.id, "ids are never reused"


def test_unsubscribe_and_preferences_by_id_for_the_web(store):
    reader = add_subscriber(store, "web@example.org").subscriber
    updated = update_preferences(
        store, reader.id, make_preferences(topics="osteoporosis", known_topics=KNOWN)
    )
    assert updated.prefs.topics == ("osteoporosis",)
    assert unsubscribe(store, reader.id) is True
    assert unsubscribe(store, reader.id) is False, "idempotent"


def test_csv_import_reports_bad_rows_by_line_and_imports_the_good_ones(tmp_path, store):
    add_subscriber(store, "gone@example.org")
    remove_subscriber(store, "gone@example.org")
    add_subscriber(store, "kept@example.org", make_preferences(min_evidence=1))
    path = tmp_path / "readers.csv"
    path.write_text(
        "Email;Topics;Exclude types;Min evidence;Frequency\n"  # line 1: a ';' spreadsheet export
        "a@example.org;osteonecrosis;animal,in_vitro;3;weekly\n"  # 2 good
        "not-an-address;;;;\n"  # 3 bad address
        "\n"  # 4 blank, ignored
        'b@example.org;"osteoporosis\nosteonecrosis";;;daily\n'  # 5-6 good, a cell over two lines
        "c@example.org;;;9;\n"  # 7 bad level
        "A@example.org;;;;\n"  # 8 repeats line 2
        "gone@example.org;;;;\n"  # 9 unsubscribed earlier
        "kept@example.org;;;;\n"  # 10 already subscribed: left alone
        "d@example.org;tibia;;;\n",  # 11 unknown topic
        encoding="utf-8",
    )
    report = import_csv(store, path, known_topics=KNOWN)
    assert report.added == 2 and report.unchanged == 1
    assert [line for line, _ in report.problems] == [3, 7, 8, 9, 11]
    messages = dict(report.problems)
    assert "not a valid address" in messages[3] and "min_evidence" in messages[7]
    assert "repeats line 2" in messages[8] and "unsubscribed" in messages[9] and "tibia" in messages[11]
    b = find_subscriber(store, "b@example.org")
    assert b.prefs.topics == ("osteoporosis", "osteonecrosis") and b.prefs.frequency == "daily"
    assert find_subscriber(store, "a@example.org").prefs.exclude_types == ("animal", "in_vitro")
    assert find_subscriber(store, "kept@example.org").prefs.min_evidence == 1
    assert find_subscriber(store, "gone@example.org").status == "unsubscribed"


def test_an_excel_workbook_imports_as_its_csv_save_and_another_archive_is_named(tmp_path, store):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["email", "topics"])
    book.active.append(["w@example.org", "osteoporosis"])
    book.active.append([None, None])  # a blank row, as spreadsheets keep them
    book.active.append(["nope", "osteoporosis"])
    path = tmp_path / "readers.xlsx"
    book.save(path)
    report = import_csv(store, path, known_topics=KNOWN)
    assert report.added == 1 and [line for line, _ in report.problems] == [3]
    assert find_subscriber(store, "w@example.org").prefs.topics == ("osteoporosis",)
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(InvalidInput, match=r"readers\.xlsx: a zip archive that is no Excel workbook"):
        import_csv(store, path, known_topics=KNOWN)


def test_a_bare_list_of_addresses_imports_and_list_csv_round_trips(tmp_path, settings, store):
    path = tmp_path / "plain.csv"
    path.write_text("x@example.org\ny@example.org\nnope\n", encoding="utf-8")
    report = import_csv(store, path)
    assert report.added == 2 and report.problems[0][0] == 3
    add_subscriber(
        store, "z@example.org", make_preferences(topics="osteoporosis", min_evidence=2, max_items=10)
    )
    exported = tmp_path / "export.csv"
    exported.write_text(subscribers_csv(list_subscribers(store)), encoding="utf-8")
    with Store(make_settings(tmp_path / "other").database_path) as fresh:
        again = import_csv(fresh, exported)
        assert again.ok and again.added == 3
        assert [s.prefs for s in list_subscribers(fresh)] == [s.prefs for s in list_subscribers(store)]


def test_tokens_name_one_subscriber_for_one_purpose(settings, monkeypatch):
    monkeypatch.delenv("OSTEODIGEST_SECRET_KEY", raising=False)
    token = make_token(settings, 42, "unsubscribe")
    assert read_token(settings, token, "unsubscribe") == 42
    with pytest.raises(BadToken):
        read_token(settings, token, "preferences")
    with pytest.raises(BadToken):
        read_token(settings, tampered_token(token), "unsubscribe")
    with pytest.raises(BadToken):
        read_token(settings, "garbage", "unsubscribe")
    with pytest.raises(ValueError):
        make_token(settings, 42, "admin")
    key_file = settings.data_dir / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert read_token(settings, make_token(settings, 7, "confirm"), "confirm", max_age=3600) == 7


def test_the_environment_key_signs_when_set(settings, monkeypatch):
    monkeypatch.setenv("OSTEODIGEST_SECRET_KEY", "an-operator-chosen-secret-key")
    token = make_token(settings, 5, "preferences")
    assert not (settings.data_dir / "secret_key").exists()
    monkeypatch.setenv("OSTEODIGEST_SECRET_KEY", "a-different-secret-key-entirely")
    with pytest.raises(BadToken):
        read_token(settings, token, "preferences")
    monkeypatch.setenv("OSTEODIGEST_SECRET_KEY", "short")
    with pytest.raises(ConfigError):
        make_token(settings, 5, "preferences")


def config_file(tmp_path):
    path = tmp_path / "osteodigest.toml"
    path.write_text(
        '[general]\ndatabase = "cli.sqlite3"\noutbox = "outbox"\ndata_dir = "data"\n', encoding="utf-8"
    )
    return str(path)


def test_the_subscribers_command(tmp_path, capsys):
    cfg = config_file(tmp_path)
    assert (
        main(
            [
                "-c",
                cfg,
                "subscribers",
                "add",
                "reader@example.org",
                "--topics",
                "osteonecrosis",
                "--exclude-types",
                "animal,in-vitro",
                "--min-evidence",
                "3",
                "--frequency",
                "daily",
            ]
        )
        == 0
    )
    assert "added:" in capsys.readouterr().out
    assert main(["-c", cfg, "subscribers", "add", "bad@"]) == 2
    assert "not a valid address" in capsys.readouterr().err
    assert main(["-c", cfg, "subscribers", "add", "x@example.org", "--topics", "knees"]) == 2
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("email,min_evidence\nok@example.org,2\nbroken,\n", encoding="utf-8")
    assert main(["-c", cfg, "subscribers", "import", str(csv_path)]) == 1
    captured = capsys.readouterr()
    assert f"{csv_path}: line 3:" in captured.err and "1 added" in captured.out
    assert main(["-c", cfg, "subscribers", "list"]) == 0
    listing = capsys.readouterr().out
    assert (
        "reader@example.org\tactive\tdaily; topics osteonecrosis; no animal,in_vitro; evidence <= 3"
        in listing
    )
    assert "ok@example.org" in listing
    assert main(["-c", cfg, "subscribers", "remove", "ok@example.org"]) == 0
    assert main(["-c", cfg, "subscribers", "list", "--status", "unsubscribed", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("ok@example.org,") and out.splitlines()[-1].endswith(
        ",unsubscribed"
    )
    assert main(["-c", cfg, "subscribers", "remove", "nobody@example.org"]) == 1


def test_send_dry_run_from_the_command_line(tmp_path, capsys):
    cfg = config_file(tmp_path)
    assert main(["-c", cfg, "subscribers", "add", "reader@example.org"]) == 0
    assert main(["-c", cfg, "send", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run:" in out
    assert not os.path.exists(tmp_path / "outbox")


def test_add_on_a_known_address_changes_only_the_options_given(tmp_path, capsys):
    cfg = config_file(tmp_path)
    bob = ["-c", cfg, "subscribers", "add", "bob@example.org"]
    assert main([*bob, "--topics", "osteonecrosis", "--min-evidence", "2", "--frequency", "daily"]) == 0
    assert main([*bob, "--max-items", "3"]) == 0
    assert "updated:" in capsys.readouterr().out
    assert main(["-c", cfg, "subscribers", "set", "bob@example.org", "--types", "rct"]) == 0
    assert main(["-c", cfg, "subscribers", "list"]) == 0
    assert (
        "bob@example.org\tactive\tdaily; topics osteonecrosis; only rct; evidence <= 2; max 3 items"
        in capsys.readouterr().out
    ), "topics, evidence and frequency survive an update of max items, then of types"
    assert main(["-c", cfg, "subscribers", "set", "bob@example.org", "--topics", "", "--types", ""]) == 0
    assert main(["-c", cfg, "subscribers", "list"]) == 0
    assert "bob@example.org\tactive\tdaily; evidence <= 2; max 3 items" in capsys.readouterr().out
    # An update that would include and exclude one type is refused, and changes nothing.
    assert main(["-c", cfg, "subscribers", "set", "bob@example.org", "--exclude-types", "rct"]) == 0
    assert main(["-c", cfg, "subscribers", "set", "bob@example.org", "--types", "rct"]) == 2
    assert "both included and excluded" in capsys.readouterr().err
    assert main(["-c", cfg, "subscribers", "set", "nobody@example.org", "--max-items", "2"]) == 1


@pytest.mark.parametrize(
    ("header", "row", "column"),
    [
        ("Email Address,First Name,Last Name,MEMBER_RATING", "ann@example.org,Ann,Lee,2", "'Email Address'"),
        ("email,name,attributes", 'ann@example.org,Ann Lee,"{""city"": ""Bonn""}"', "'email'"),
    ],
    ids=["mailchimp", "listmonk"],
)
def test_import_reads_other_lists_exports_and_says_which_column_it_took(
    tmp_path, capsys, header, row, column
):
    cfg = config_file(tmp_path)
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\n{row}\nbob@example.org,Bob,,\n", encoding="utf-8")
    assert main(["-c", cfg, "subscribers", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"addresses from column 1 ({column})" in out and "2 added" in out, out
    ignored = "'First Name', 'Last Name', 'MEMBER_RATING'" if "First" in header else "'name', 'attributes'"
    assert f"column(s) {ignored} ignored" in out, out
    assert main(["-c", cfg, "subscribers", "list"]) == 0
    listed = capsys.readouterr().out
    assert "ann@example.org\tactive" in listed and "bob@example.org\tactive" in listed
