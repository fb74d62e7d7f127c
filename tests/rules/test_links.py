"""Reading link hosts: which hosts are the publisher's."""

from __future__ import annotations

import pytest

from reprint_check.rules.links import host_of, is_publisher_host


@pytest.mark.parametrize(
    ("href", "domains", "expected"),
    [
        ("https://xn--80aswg.xn--p1ai/en/x", ("сайт.рф",), True),  # punycode link, Unicode policy domain
        ("https://сайт.рф/en/x", ("xn--80aswg.xn--p1ai",), True),  # and the other way round
        ("https://news.САЙТ.рф/", ("сайт.рф",), True),
        ("https://xn--80aswg.xn--p1ai.mirror.net/", ("сайт.рф",), False),
        ("https://Publisher.COM./x", ("publisher.com",), True),
        ("https://publisher.com@evil.net/", ("publisher.com",), False),
    ],
)
def test_publisher_hosts(href: str, domains: tuple[str, ...], expected: bool) -> None:
    assert is_publisher_host(host_of(href), domains) is expected


@pytest.mark.parametrize("href", ["http://[::1", "https://[zz]/a", "https://publisher.com:99999/"])
def test_an_invalid_url_has_no_host_but_does_not_raise(href: str) -> None:
    assert host_of(href) in ("", "publisher.com")
