"""`reprint-check check` end to end against a local site: one test per rule behaviour, the JSON
contract and the exit codes."""

from __future__ import annotations

from pathlib import Path

from tests.cli.site import ARTICLE_LINK, FAST, Site, check, finding, invoke


def test_a_compliant_copy_passes_every_rule(site: Site) -> None:
    run = check(site, "/pass")
    (result,) = run.json()["results"]
    assert run.exit_code == 0, run.stderr
    assert result["status"] == "pass" and result["reason"] is None
    assert {f["rule"]: f["status"] for f in result["findings"]} == {
        "credit": "pass",
        "backlink": "pass",
        "excluded-images": "pass",
        "excluded-video": "pass",
        "text-fidelity": "pass",
    }
    credit = finding(result, "credit")
    assert credit["evidence"][0]["snippet"] == "By Pavel Orlov, Russia Insider"
    assert credit["evidence"][0]["where"] == "above the article"
    assert finding(result, "backlink")["evidence"][0]["href"] == ARTICLE_LINK
    assert result["match"] == {"coverage": 1.0, "similarity": 1.0}


def test_credit_and_link_only_in_a_sidebar_blogroll_fail(site: Site) -> None:
    run = check(site, "/credit-in-sidebar")
    (result,) = run.json()["results"]
    assert run.exit_code == 1
    assert result["status"] == "fail"
    credit, backlink = finding(result, "credit"), finding(result, "backlink")
    assert (credit["status"], credit["severity"]) == ("fail", "error")
    assert "appears only where it does not count (a sidebar blogroll)" in credit["message"]
    assert any(e.get("where") == "a sidebar blogroll" and "aside" in e["path"] for e in credit["evidence"])
    assert backlink["status"] == "fail"
    assert any(e.get("href") == "https://russia-insider.com/" for e in backlink["evidence"])


def test_a_nofollow_backlink_warns(site: Site) -> None:
    run = check(site, "/nofollow")
    (result,) = run.json()["results"]
    assert run.exit_code == 0
    assert result["status"] == "warn"
    backlink = finding(result, "backlink")
    assert (backlink["status"], backlink["severity"]) == ("warn", "warning")
    assert "rel=nofollow" in backlink["message"]
    assert check(site, "/nofollow", extra=("--fail-on", "warning")).exit_code == 1


def test_a_hotlinked_source_photo_fails_excluded_images(site: Site) -> None:
    (result,) = check(site, "/hotlinked").json()["results"]
    images = finding(result, "excluded-images")
    assert result["status"] == "fail" and images["status"] == "fail"
    assert any(e.get("url", "").endswith("/files/rail-bridge-at-dusk.jpg") for e in images["evidence"])


def test_a_photo_rehosted_after_resize_and_recompression_is_caught_by_its_hash(site: Site) -> None:
    (result,) = check(site, "/rehosted").json()["results"]
    images = finding(result, "excluded-images")
    assert images["status"] == "fail", images
    shown = " ".join(str(e) for e in images["evidence"])
    assert "/uploads/bridge-2026.jpg" in shown and "perceptual" in shown


def test_the_republishers_own_photos_and_logo_pass(site: Site) -> None:
    (result,) = check(site, "/own-photos").json()["results"]
    assert finding(result, "excluded-images")["status"] == "pass"
    assert result["status"] == "pass"


def test_an_embedded_source_video_fails_excluded_video(site: Site) -> None:
    (result,) = check(site, "/video").json()["results"]
    video = finding(result, "excluded-video")
    assert result["status"] == "fail" and video["status"] == "fail"
    assert any("Rk9aX2bQ0dE" in str(e) for e in video["evidence"])


def test_an_edited_copy_passes_where_edits_are_allowed_and_fails_under_no_derivatives(site: Site) -> None:
    (allowed,) = check(site, "/edited").json()["results"]
    fidelity = finding(allowed, "text-fidelity")
    assert (allowed["status"], fidelity["status"], fidelity["severity"]) == ("pass", "pass", "info")
    assert "1 changed" in fidelity["message"]
    (nd,) = check(site, "/edited", policy="cc-by-nd-4.0").json()["results"]
    fidelity = finding(nd, "text-fidelity")
    assert (nd["status"], fidelity["status"], fidelity["severity"]) == ("fail", "fail", "error")
    assert any("changed: source paragraph 2" in e.get("note", "") for e in fidelity["evidence"])


def test_a_teaser_is_not_found_and_a_404_is_an_error(site: Site) -> None:
    run = check(site, "/teaser", "/gone")
    results = run.results()
    teaser, gone = results[site.url("/teaser")], results[site.url("/gone")]
    assert teaser["status"] == "not_found" and teaser["findings"] == []
    assert "not a copy" in teaser["reason"]
    assert gone["status"] == "error" and gone["http_status"] == 404 and "404" in gone["reason"]
    assert run.exit_code == 3, "nothing failed, but a page could not be checked"


def test_the_json_report_follows_the_documented_contract(site: Site) -> None:
    run = check(site, "/pass", "/credit-in-sidebar", "/teaser", "/gone")
    data = run.json()
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "reprint-check"
    assert data["policy"]["id"] == "russia-insider"
    assert data["source"]["canonical_url"] == ARTICLE_LINK
    assert data["source"]["title"] == "Rail Link to the Northern Ports Opens a Year Late"
    assert data["summary"] == {"pages": 4, "pass": 1, "warn": 0, "fail": 1, "not_found": 1, "error": 1}
    assert [r["url"] for r in data["results"]] == [
        site.url(p) for p in ("/pass", "/credit-in-sidebar", "/teaser", "/gone")
    ]
    for result in data["results"]:
        assert result["source"] == site.source
        for f in result["findings"]:
            assert f["status"] in {"pass", "warn", "fail", "skip"} and f["message"]


def test_fail_on_never_exits_zero_for_findings(site: Site) -> None:
    assert check(site, "/credit-in-sidebar", extra=("--fail-on", "never")).exit_code == 0


def test_copies_can_come_from_a_file_or_stdin(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "copies.txt"
    listing.write_text(f"# known copies\n\n{site.url('/pass')}\n  {site.url('/video')}  \n")
    run = invoke(
        "check",
        site.source,
        "--urls-from",
        str(listing),
        "--policy",
        "russia-insider",
        "--host-interval",
        "0",
    )
    assert [r["status"] for r in run.json()["results"]] == ["pass", "fail"]
    piped = invoke(
        "check", site.source, "--urls-from", "-", "--policy", "russia-insider", stdin=site.url("/pass") + "\n"
    )
    assert [r["url"] for r in piped.json()["results"]] == [site.url("/pass")]


def test_the_table_names_each_page_and_the_failing_evidence(site: Site) -> None:
    run = check(site, "/pass", "/credit-in-sidebar", extra=("--format", "table"))
    assert run.exit_code == 1
    assert "credit" in run.stdout and "backlink" in run.stdout
    assert "sidebar blogroll" in run.stdout
    assert "2 pages: 1 pass, 1 fail" in run.stdout.replace("0 warn, ", "")


def test_a_copy_listed_twice_is_fetched_and_reported_once(site: Site) -> None:
    run = check(site, "/pass", "/video", "/pass")
    assert [r["url"] for r in run.json()["results"]] == [site.url("/pass"), site.url("/video")]
    fetched = [req.path for req, _ in site.server.log]
    assert fetched.count("/pass") == 1
    assert fetched.count("/en/rail-link") == 1, "the source is fetched once per run"


def test_a_web_source_that_cannot_be_fetched_makes_every_copy_an_error(site: Site) -> None:
    run = invoke("check", site.url("/gone"), site.url("/pass"), site.url("/video"), *FAST)
    assert run.exit_code == 3, run.stderr
    data = run.json()
    assert data["source"]["url"] == site.url("/gone") and data["source"]["title"] is None
    assert data["summary"]["error"] == 2
    for result in data["results"]:
        assert result["status"] == "error"
        assert result["reason"] == f"not checked: source {site.url('/gone')}: HTTP 404 Not Found"
    assert [req.path for req, _ in site.server.log].count("/pass") == 0, "copies are not fetched"
