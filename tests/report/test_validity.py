"""Every machine format against its own schema: json and jsonl against `reprint-check schema`,
SARIF against the OASIS 2.1.0 schema, JUnit against the junit-10 XSD."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from lxml import etree

from reprint_check.report import FormatOptions, Report, get_formatter, json_schema

from .conftest import ALL_RESULTS, ERRORED, FAILING, NOT_FOUND, WARNING, make_report

SCHEMAS = Path(__file__).parent / "schemas"
CHANGES: dict[str, Any] = {
    "since_run_id": "0d353bb35c784744b1c037717bc1f1ed",
    "counts": {"new_violations": 1, "resolved": 0, "unchanged_violations": 0, "taken_down": 0, "errored": 0},
    "new_violations": [
        {
            "source": FAILING.source,
            "url": FAILING.url,
            "rule": "credit",
            "old_status": None,
            "new_status": "fail",
        }
    ],
    "resolved": [],
    "unchanged_violations": [],
    "taken_down": [],
    "errored": [],
}

REPORTS = {
    "every-status": make_report(*ALL_RESULTS, run_id="r1", started_at="2026-11-25T10:00:00+00:00"),
    "empty": make_report(sources=()),
    "new-only": make_report(FAILING, changes=CHANGES),
}


def _errors(validator: Any, instance: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


@pytest.fixture(scope="module")
def sarif_validator() -> Draft7Validator:
    return Draft7Validator(json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


@pytest.mark.parametrize("name", REPORTS)
def test_json_matches_the_published_schema(name: str) -> None:
    document = json.loads(get_formatter("json").format(REPORTS[name]))
    assert _errors(Draft202012Validator(json_schema()), document) == []
    assert ("changes" in document) == (name == "new-only")


def test_a_broken_changes_block_is_rejected() -> None:
    document = json.loads(get_formatter("json").format(REPORTS["new-only"]))
    del document["changes"]["counts"]["resolved"]
    assert _errors(Draft202012Validator(json_schema()), document) == [
        "['changes', 'counts']: 'resolved' is a required property"
    ]


@pytest.mark.parametrize("name", REPORTS)
def test_each_jsonl_result_line_is_a_schema_result(name: str) -> None:
    schema = json_schema()
    result_schema = {"$defs": schema["$defs"], **schema["$defs"]["result"]}
    lines = [json.loads(line) for line in get_formatter("jsonl").format(REPORTS[name]).splitlines()]
    assert [line["type"] for line in lines] == ["run"] + ["result"] * len(REPORTS[name].results) + ["summary"]
    validator = Draft202012Validator(result_schema)
    for line in lines[1:-1]:
        line.pop("type")
        assert _errors(validator, line) == []


@pytest.mark.parametrize("name", REPORTS)
def test_sarif_is_valid_2_1_0(name: str, sarif_validator: Draft7Validator) -> None:
    log = json.loads(get_formatter("sarif").format(REPORTS[name]))
    assert _errors(sarif_validator, log) == []
    assert log["version"] == "2.1.0"


def test_sarif_results_use_host_path_and_keep_the_url(sarif_validator: Draft7Validator) -> None:
    log = json.loads(get_formatter("sarif").format(REPORTS["every-status"]))
    results = log["runs"][0]["results"]
    notable = [(p.url, f.rule) for p in ALL_RESULTS for f in p.findings if f.status in ("warn", "fail")]
    assert [(r["properties"]["url"], r["ruleId"]) for r in results] == notable
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith(("http:", "https:"))
        assert uri.startswith("copy.example/")
        assert result["properties"]["url"].startswith("https://copy.example/")
        assert len(result["partialFingerprints"]["reprintCheck/v1"]) == 64


def test_sarif_fingerprints_are_stable_across_runs() -> None:
    first = json.loads(get_formatter("sarif").format(make_report(FAILING, run_id="a")))
    again = json.loads(get_formatter("sarif").format(make_report(FAILING, run_id="b")))
    prints = [r["partialFingerprints"] for r in first["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"] for r in again["runs"][0]["results"]]
    assert len({p["reprintCheck/v1"] for p in prints}) == len(prints)


def test_a_sarif_log_missing_a_required_field_is_rejected(sarif_validator: Draft7Validator) -> None:
    log = json.loads(get_formatter("sarif").format(REPORTS["every-status"]))
    del log["runs"][0]["tool"]["driver"]["name"]
    assert _errors(sarif_validator, log) == ["['runs', 0, 'tool', 'driver']: 'name' is a required property"]


@pytest.mark.parametrize("fail_on", ["error", "warning"])
@pytest.mark.parametrize("name", REPORTS)
def test_junit_is_valid_against_the_xsd(name: str, fail_on: str, junit_schema: etree.XMLSchema) -> None:
    text = get_formatter("junit", FormatOptions(fail_on=fail_on)).format(REPORTS[name])  # type: ignore[arg-type]
    doc = etree.fromstring(text.encode("utf-8"))
    assert junit_schema.validate(doc), junit_schema.error_log


def test_junit_counts_and_outcomes(junit_schema: etree.XMLSchema) -> None:
    report: Report = REPORTS["every-status"]
    doc = etree.fromstring(get_formatter("junit").format(report).encode("utf-8"))
    cases = {(c.get("classname"), c.get("name")): c for c in doc.iter("testcase")}
    assert cases[(ERRORED.url, "page")].find("error") is not None
    assert cases[(NOT_FOUND.url, "match")].find("skipped") is not None
    failure = cases[(FAILING.url, "credit")].find("failure")
    assert failure is not None
    assert (
        failure.get("message")
        == 'Publisher not named; "credit" found only in the sidebar, footer. See evidence.'
    )
    assert cases[(WARNING.url, "backlink")].find("failure") is None  # warn passes at fail_on=error
    failures = sum(1 for r in report.results for f in r.findings if f.status == "fail")
    assert int(doc.get("failures")) == failures
    assert int(doc.get("errors")) == 1


def test_junit_with_a_control_character_in_evidence_stays_valid(junit_schema: etree.XMLSchema) -> None:
    credit = next(f for f in FAILING.findings if f.rule == "credit")
    report = make_report(replace(FAILING, findings=(replace(credit, message="bell \x07 here"),)))
    doc = etree.fromstring(get_formatter("junit").format(report).encode("utf-8"))
    assert junit_schema.validate(doc), junit_schema.error_log
    failure = doc.find(".//failure")
    assert failure is not None
    assert failure.get("message") == "bell \ufffd here"
