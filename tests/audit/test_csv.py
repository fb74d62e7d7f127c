from __future__ import annotations

from pathlib import Path

import pytest

from reprint_check.audit import AuditSource, load_audit
from tests.audit.files import problems_of, write

AUDIT = """\
[defaults]
policy = "russia-insider"

[[sources]]
url = "https://publisher.example/story"
copies = ["https://a.example/x"]

[[copies_csv]]
path = "exports/republishers.csv"
policy = "cc-by-nd-4.0"
"""


def test_csv_copies_merge_into_sources_and_create_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # A BOM, a reordered header with extra columns, a blank row and a local copy beside the CSV.
    write(tmp_path / "exports/saved/c.html", "<p>copy</p>")
    write(
        tmp_path / "exports/republishers.csv",
        "\ufeffsite,Copy_URL,source_url\n"
        "A,https://a.example/x,https://publisher.example/story\n"
        "B,https://b.example/y,https://publisher.example/story\n"
        ",,\n"
        "C,saved/c.html,https://publisher.example/csv-only\n"
        "D,https://d.example/z,https://publisher.example/csv-only\n",
    )
    plan = load_audit(write(tmp_path / "audit.toml", AUDIT))
    assert plan.sources == (
        AuditSource(
            "https://publisher.example/story",
            "russia-insider",
            ("https://a.example/x", "https://b.example/y"),
        ),
        AuditSource(
            "https://publisher.example/csv-only",
            "cc-by-nd-4.0",
            (str(tmp_path.resolve() / "exports/saved/c.html"), "https://d.example/z"),
        ),
    )


def test_csv_only_source_falls_back_to_default_policy(tmp_path: Path) -> None:
    write(tmp_path / "r.csv", "source_url,copy_url\nhttps://p.example/a,https://c.example/1\n")
    plan = load_audit(
        write(tmp_path / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n[[copies_csv]]\npath = "r.csv"\n')
    )
    assert plan.sources == (AuditSource("https://p.example/a", "cc-by-4.0", ("https://c.example/1",)),)


def test_missing_csv_column_names_file_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "republishers.csv", "source_url,url\nhttps://p.example/a,https://c.example/1\n")
    write(
        tmp_path / "audit.toml",
        '[defaults]\npolicy = "cc-by-4.0"\n[[copies_csv]]\npath = "republishers.csv"\n',
    )
    assert problems_of(Path("audit.toml")) == (
        'republishers.csv:1: copies_csv[0]: missing column "copy_url" (header: source_url,url)',
    )


def test_bad_csv_rows_name_file_line_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "r.csv",
        "source_url,copy_url\nhttps://p.example/a,https://c.example/1\nhttps://p.example/a,\n"
        "javascript:alert(1),https://c.example/2\n",
    )
    write(tmp_path / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n[[copies_csv]]\npath = "r.csv"\n')
    assert problems_of(Path("audit.toml")) == (
        "r.csv:3: copies_csv[0].copy_url: empty",
        "r.csv:4: copies_csv[0].source_url: not an http(s) URL or existing file: 'javascript:alert(1)'",
    )


def test_missing_csv_file_points_at_the_audit_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n\n[[copies_csv]]\npath = "gone.csv"\n')
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:5: copies_csv[0].path: gone.csv: cannot read: No such file or directory",
    )


def test_empty_csv_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "r.csv", "")
    write(tmp_path / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n[[copies_csv]]\npath = "r.csv"\n')
    assert problems_of(Path("audit.toml")) == (
        "r.csv:1: copies_csv[0]: empty file: expected a header with source_url,copy_url",
    )


def test_relative_paths_resolve_against_the_audit_file_not_the_working_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write(project / "pages/source.html", "<p>source</p>")
    write(project / "pages/copy.html", "<p>copy</p>")
    write(project / "policies/house.toml", "# a policy file\n")
    write(project / "lists/copies.txt", "../pages/copy.html\n")  # relative to the list file
    audit = write(
        project / "audit.toml",
        '[[sources]]\nurl = "pages/source.html"\npolicy = "policies/house.toml"\n'
        'copies_from = "lists/copies.txt"\n',
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    plan = load_audit(audit)
    root = project.resolve()
    assert plan.sources == (
        AuditSource(
            str(root / "pages/source.html"),
            str(root / "policies/house.toml"),
            (str(root / "pages/copy.html"),),
        ),
    )
