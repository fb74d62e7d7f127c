from __future__ import annotations

from pathlib import Path

import pytest

from reprint_check.audit import AuditPlan, AuditSettings, AuditSource, load_audit
from tests.audit.files import problems_of, write


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is also the working directory, so messages show short paths."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


GOOD = """\
name = "nightly"
[defaults]
policy = "russia-insider"
concurrency = 8
retries = 1
max_redirects = 4
timeout = 30          # an integer is fine for a float setting
fail_on = "warning"
user_agent = "reprint-check (publisher.example)"

[[sources]]
url = "https://publisher.example/story"
copies = ["https://a.example/x", "copies/b.html", "https://a.example/x"]
copies_from = "lists/more.txt"

[[sources]]
url = "https://publisher.example/other"
policy = "cc-by-nd-4.0"
copies = ["https://c.example/other"]
"""


def test_good_file_gives_the_full_plan(workdir: Path) -> None:
    write(workdir / "copies/b.html", "<p>copy</p>")
    write(workdir / "lists/more.txt", "# more copies\nhttps://d.example/1\n\n  https://a.example/x  \n")
    plan = load_audit(Path("audit.toml") if write(workdir / "audit.toml", GOOD) else Path())

    assert plan == AuditPlan(
        name="nightly",
        path=Path("audit.toml"),
        settings=AuditSettings(
            concurrency=8,
            per_host=2,
            host_interval=0.5,
            timeout=30.0,
            max_bytes=5_000_000,
            max_image_bytes=10_000_000,
            retries=1,
            max_redirects=4,
            fail_on="warning",
            ignore_robots=False,
            user_agent="reprint-check (publisher.example)",
        ),
        default_policy="russia-insider",
        sources=(
            AuditSource(
                "https://publisher.example/story",
                "russia-insider",
                ("https://a.example/x", str(workdir.resolve() / "copies/b.html"), "https://d.example/1"),
            ),
            AuditSource("https://publisher.example/other", "cc-by-nd-4.0", ("https://c.example/other",)),
        ),
    )
    assert plan.copy_count == 4
    assert plan.policies == ("russia-insider", "cc-by-nd-4.0")


def test_name_defaults_to_file_stem_and_settings_to_documented_values(workdir: Path) -> None:
    audit = write(workdir / "weekly.toml", '[[sources]]\nurl = "https://p.example/a"\npolicy = "cc-by-4.0"\n'
                  'copies = ["https://c.example/a"]\n')  # fmt: skip
    plan = load_audit(audit)
    assert plan.name == "weekly"
    assert plan.settings == AuditSettings()
    assert plan.default_policy is None


def test_unknown_key_names_file_line_and_field(workdir: Path) -> None:
    write(workdir / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\nconcurency = 3\n')
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:3: defaults.concurency: unknown key (did you mean 'concurrency'?)",
    )


def test_unknown_key_in_second_source_table(workdir: Path) -> None:
    write(workdir / "audit.toml", '[[sources]]\nurl = "https://p.example/a"\n\n[[sources]]\n'
          'url = "https://p.example/b"\ncopy = ["https://c.example/x"]\n')  # fmt: skip
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:6: sources[1].copy: unknown key (did you mean 'copies'?)",
    )


def test_wrong_types_and_ranges_are_all_reported_in_line_order(workdir: Path) -> None:
    write(workdir / "audit.toml", '[defaults]\nfail_on = "sometimes"\nconcurrency = "16"\nper_host = 0\n')
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:2: defaults.fail_on: input should be 'error', 'warning' or 'never', got 'sometimes'",
        "audit.toml:3: defaults.concurrency: input should be a valid integer, got '16'",
        "audit.toml:4: defaults.per_host: input should be greater than or equal to 1, got 0",
    )


def test_missing_required_key_points_at_its_table(workdir: Path) -> None:
    write(workdir / "audit.toml", 'name = "n"\n\n[[sources]]\ncopies = ["https://c.example/x"]\n')
    assert problems_of(Path("audit.toml")) == ("audit.toml:3: sources[0].url: required key is missing",)


def test_invalid_toml_reports_its_line(workdir: Path) -> None:
    write(workdir / "audit.toml", 'name = "n"\n[defaults\n')
    (problem,) = problems_of(Path("audit.toml"))
    assert problem.startswith("audit.toml:2: invalid TOML: ")


def test_missing_audit_file(workdir: Path) -> None:
    assert problems_of(Path("nope.toml")) == ("nope.toml: cannot read: No such file or directory",)


def test_bad_copy_url_is_located_inside_a_multiline_array(workdir: Path) -> None:
    write(workdir / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n\n[[sources]]\nurl = "https://p.example/a"\n\n'
          '[[sources]]\nurl = "https://p.example/b"\ncopies = [\n  "https://c.example/ok",\n'
          '  "ftp://c.example/x",  # not http\n  "missing.html",\n]\n')  # fmt: skip
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:11: sources[1].copies[1]: not an http(s) URL or existing file: 'ftp://c.example/x'",
        "audit.toml:12: sources[1].copies[2]: not an http(s) URL or existing file: 'missing.html'",
    )


def test_source_without_copies(workdir: Path) -> None:
    write(
        workdir / "audit.toml",
        '[defaults]\npolicy = "cc-by-4.0"\n\n[[sources]]\nurl = "https://p.example/a"\n',
    )
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:4: sources[0]: no copies for 'https://p.example/a': add copies, copies_from or a CSV row",
    )


def test_bad_source_url_and_unknown_policy(workdir: Path) -> None:
    write(workdir / "audit.toml", '[[sources]]\nurl = "https:///no-host"\npolicy = "cc-by-nd-40"\n'
          'copies = ["https://c.example/x"]\n')  # fmt: skip
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:2: sources[0].url: not an http(s) URL or existing file: 'https:///no-host'",
        "audit.toml:3: sources[0].policy: not a built-in policy or existing policy file: 'cc-by-nd-40' "
        "(built-in: cc-by-4.0, cc-by-nd-4.0, russia-insider)",
    )


def test_source_without_any_policy(workdir: Path) -> None:
    write(
        workdir / "audit.toml", '[[sources]]\nurl = "https://p.example/a"\ncopies = ["https://c.example/x"]\n'
    )
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:1: sources[0]: no policy for 'https://p.example/a':"
        " set sources[0].policy or defaults.policy",
    )


def test_duplicate_source_is_an_error(workdir: Path) -> None:
    write(workdir / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n[[sources]]\nurl = "https://p.example/a"\n'
          'copies = ["https://c.example/x"]\n[[sources]]\nurl = "https://p.example/a"\n')  # fmt: skip
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:7: sources[1].url: source listed twice (first as sources[0])",
    )


def test_empty_audit_file(workdir: Path) -> None:
    write(workdir / "audit.toml", 'name = "n"\n')
    assert problems_of(Path("audit.toml")) == (
        "audit.toml: no sources: add a [[sources]] table or a [[copies_csv]] file",
    )


def test_bad_line_in_copies_from_names_the_list_file(workdir: Path) -> None:
    write(workdir / "lists/copies.txt", "https://c.example/1\n# comment\nnot a url\n")
    write(workdir / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n[[sources]]\nurl = "https://p.example/a"\n'
          'copies_from = "lists/copies.txt"\n')  # fmt: skip
    assert problems_of(Path("audit.toml")) == (
        "lists/copies.txt:3: sources[0].copies_from: not an http(s) URL or existing file: 'not a url'",
    )


def test_missing_copies_from_file(workdir: Path) -> None:
    write(workdir / "audit.toml", '[defaults]\npolicy = "cc-by-4.0"\n[[sources]]\nurl = "https://p.example/a"\n'
          'copies_from = "gone.txt"\n')  # fmt: skip
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:5: sources[0].copies_from: gone.txt: cannot read: No such file or directory",
    )


def test_malformed_urls_and_unknown_home_folders_are_problems_not_crashes(workdir: Path) -> None:
    write(workdir / "lists/copies.txt", "http://[broken/\n")
    write(workdir / "audit.toml", '[[sources]]\nurl = "http://[::1/story"\npolicy = "~nosuchuser-rc/p.toml"\n'
          'copies = ["~nosuchuser-rc/copy.html"]\n[[sources]]\nurl = "https://p.example/a"\n'
          'policy = "cc-by-4.0"\ncopies_from = "lists/copies.txt"\n')  # fmt: skip
    assert problems_of(Path("audit.toml")) == (
        "audit.toml:2: sources[0].url: not an http(s) URL or existing file: 'http://[::1/story'",
        "audit.toml:3: sources[0].policy: not a built-in policy or existing policy file: "
        "'~nosuchuser-rc/p.toml' (built-in: cc-by-4.0, cc-by-nd-4.0, russia-insider)",
        "lists/copies.txt:1: sources[1].copies_from: not an http(s) URL or existing file: 'http://[broken/'",
    )


def test_a_byte_order_mark_before_the_toml_is_ignored(workdir: Path) -> None:
    (workdir / "audit.toml").write_bytes(
        b'\xef\xbb\xbfname = "bom"\n[[sources]]\nurl = "https://p.example/a"\npolicy = "cc-by-4.0"\n'
        b'copies = ["https://c.example/x"]\n'
    )
    plan = load_audit(Path("audit.toml"))
    assert (plan.name, plan.sources) == (
        "bom",
        (AuditSource("https://p.example/a", "cc-by-4.0", ("https://c.example/x",)),),
    )
