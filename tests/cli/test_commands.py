"""The bundled examples, the small commands, and one-line errors for bad input."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from reprint_check import __version__
from reprint_check.cli_options import FailOn, output_request
from reprint_check.cli_output import ReportWriter
from tests.cli.site import invoke

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def test_the_readme_example_gives_each_copy_its_verdict() -> None:
    copies = sorted(str(p) for p in (EXAMPLES / "copies").glob("*.html"))
    run = invoke(
        "check", str(EXAMPLES / "source" / "ferry-returns.html"), *copies,
        "--policy", str(EXAMPLES / "policy.toml"), "--format", "json", "--no-cache",
    )  # fmt: skip
    statuses = {Path(r["url"]).stem: r["status"] for r in run.json()["results"]}
    assert statuses == {
        "error-empty": "error",
        "fail-credit-in-sidebar": "fail",
        "fail-embedded-video": "fail",
        "fail-rehosted-photo": "fail",
        "not-found-teaser": "not_found",
        "pass-blog-copy": "pass",
        "warn-nofollow-link": "warn",
    }
    failing = {
        Path(r["url"]).stem: sorted(f["rule"] for f in r["findings"] if f["status"] == "fail")
        for r in run.json()["results"]
    }
    assert failing["fail-credit-in-sidebar"] == ["backlink", "credit"]
    assert failing["fail-embedded-video"] == ["excluded-video"]
    assert failing["fail-rehosted-photo"] == ["excluded-images"]
    assert run.exit_code == 1


def test_policies_lists_the_builtins_with_a_summary() -> None:
    run = invoke("policies")
    lines = {line.split()[0]: line for line in run.stdout.splitlines()}
    assert set(lines) >= {"russia-insider", "cc-by-4.0", "cc-by-nd-4.0"}
    assert "backlink" in lines["russia-insider"].lower() or "credit" in lines["russia-insider"].lower()


def test_version_and_python_dash_m() -> None:
    assert invoke("--version").stdout.strip() == f"reprint-check {__version__}"
    out = subprocess.run(
        [sys.executable, "-m", "reprint_check", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"reprint-check {__version__}"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('nofollow = "warn"', 'nofollow = "maybe"'),
            "rules.backlink.nofollow: Input should be 'warn', 'fail' or 'pass'",
        ),
        (("[rules.credit]", "[rules.credits]"), "rules.credits: unknown rule 'credits'"),
        (('severity = "error"', 'severty = "error"'), "rules.credit.severty: Extra inputs are not permitted"),
        (('id = "northfield-courier"', 'id = "Northfield Courier"'), "id: String should match pattern"),
        (("[publisher]", "[publisher"), "not valid TOML"),
    ],
)
def test_a_bad_policy_is_one_line_naming_the_file_and_field(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_text((EXAMPLES / "policy.toml").read_text().replace(*change, 1))
    run = invoke(
        "check",
        str(EXAMPLES / "source" / "ferry-returns.html"),
        str(EXAMPLES / "copies" / "pass-blog-copy.html"),
        "--policy",
        str(bad),
    )
    assert run.exit_code == 2
    assert run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"reprint-check: error: {bad}: ")
    assert expected in line


def test_missing_inputs_are_usage_errors() -> None:
    source = str(EXAMPLES / "source" / "ferry-returns.html")
    run = invoke("check", source)
    assert run.exit_code == 2 and "no copies to check" in run.stderr
    run = invoke("check", source, "x.html", "--policy", "no-such-policy")
    assert run.exit_code == 2 and "no-such-policy: no such policy file or built-in policy" in run.stderr
    run = invoke("check", source, "--urls-from", "missing-list.txt")
    assert run.exit_code == 2 and "missing-list.txt" in run.stderr
    run = invoke("check", "missing-source.html", str(EXAMPLES / "copies" / "pass-blog-copy.html"))
    assert run.exit_code == 2 and "missing-source.html" in run.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("no_color", "colour"), [(None, True), ("1", False), ("", True)])
def test_no_color_when_set_and_not_empty_turns_colour_off(
    monkeypatch: pytest.MonkeyPatch, no_color: str | None, colour: bool
) -> None:
    # no-color.org: "present and not an empty string", as rich reads it for the progress bar.
    monkeypatch.setattr(sys, "stdout", _Terminal())
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    writer = ReportWriter(output_request(None, None, FailOn.error))
    assert (writer.jobs[0].formatter.name, writer.jobs[0].formatter.options.color) == ("table", colour)
