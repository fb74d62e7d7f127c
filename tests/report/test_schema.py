"""The JSON Schema of the json format: valid draft 2020-12, strict, and in step with the models."""

from __future__ import annotations

import copy
import json
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator

from reprint_check.models import FindingStatus, PageStatus, Severity
from reprint_check.report import Report, get_formatter, json_schema


@pytest.fixture
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def document(report: Report) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(get_formatter("json").format(report))
    return doc


def errors(validator: Draft202012Validator, doc: dict[str, Any]) -> list[tuple[list[Any], str]]:
    return [(list(e.absolute_path), e.validator) for e in validator.iter_errors(doc)]  # type: ignore[misc]


def test_schema_header() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == [
        "schema_version",
        "tool",
        "policy",
        "source",
        "sources",
        "summary",
        "results",
    ]


def test_rich_sample_report_validates(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    assert errors(validator, document) == []


def test_check_report_validates(validator: Draft202012Validator, check_report: Report) -> None:
    assert errors(validator, json.loads(get_formatter("json").format(check_report))) == []


def test_bad_page_status_is_rejected(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    document["results"][0]["status"] = "passed"
    assert errors(validator, document) == [(["results", 0, "status"], "enum")]


def test_bad_finding_severity_is_rejected(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    document["results"][2]["findings"][1]["severity"] = "critical"
    assert errors(validator, document) == [(["results", 2, "findings", 1, "severity"], "enum")]


def test_error_page_without_reason_is_rejected(
    validator: Draft202012Validator, document: dict[str, Any]
) -> None:
    document["results"][4]["reason"] = None
    assert errors(validator, document) == [(["results", 4, "reason"], "type")]


def test_undocumented_key_is_rejected(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    document["results"][1]["findings"][1]["evidence"][0]["selector"] = "a"
    assert errors(validator, document) == [
        (["results", 1, "findings", 1, "evidence", 0], "additionalProperties")
    ]


def test_missing_summary_count_is_rejected(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    del document["summary"]["not_found"]
    assert errors(validator, document) == [(["summary"], "required")]


def test_wrong_schema_version_is_rejected(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    document["schema_version"] = 2
    assert errors(validator, document) == [(["schema_version"], "const")]


def test_policy_may_carry_more_than_its_three_required_fields(
    validator: Draft202012Validator, document: dict[str, Any]
) -> None:
    document["policy"]["license_url"] = "https://creativecommons.org/licenses/by-nd/4.0/"
    assert errors(validator, document) == []
    del document["policy"]["title"]
    assert errors(validator, document) == [(["policy"], "required")]


def test_enums_match_the_models() -> None:
    defs = json_schema()["$defs"]
    assert defs["result"]["properties"]["status"]["enum"] == list(get_args(PageStatus))
    assert defs["finding"]["properties"]["status"]["enum"] == list(get_args(FindingStatus))
    assert defs["finding"]["properties"]["severity"]["enum"] == list(get_args(Severity))


def test_each_call_returns_a_fresh_copy() -> None:
    schema = json_schema()
    pristine = copy.deepcopy(schema)
    schema["$defs"]["finding"]["properties"]["status"]["enum"].append("maybe")
    assert json_schema() == pristine
