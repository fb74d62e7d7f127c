from __future__ import annotations

import tomllib

import pytest

from reprint_check.audit.locate import KeyLines, Loc

TEXT = '''\
name = "a # not a comment"          # 1
note = """
[[sources]]
fake = 1
"""                                 # 2-5: a multi-line string that looks like TOML
defaults.policy = 'x'               # 6: dotted key
[ "copies_csv" ]                    # 7: quoted, spaced header (a table here, for the test)
path = "r.csv"                      # 8
[[sources]]                         # 9
url = "https://p.example/a"         # 10
[[sources]]                         # 11
url = "https://p.example/b"         # 12
copies = [                          # 13
  "https://c.example/1",            # 14
  # a comment line between elements
  'https://c.example/2', "x\\"]",    # 16: two elements, one with an escaped quote and bracket
]
extra = { a = 1, b = [1,            # 18: inline table
  2] }                              # 19
'''


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("name",), 1),
        (("note",), 2),
        (("defaults", "policy"), 6),
        (("copies_csv", "path"), 8),
        (("sources", 0), 9),
        (("sources", 0, "url"), 10),
        (("sources", 1, "url"), 12),
        (("sources", 1, "copies"), 13),
        (("sources", 1, "copies", 0), 14),
        (("sources", 1, "copies", 1), 16),
        (("sources", 1, "copies", 2), 16),
        (("sources", 1, "extra", "b", 1), 19),
        (("sources", 1, "missing_key"), 11),  # falls back to the nearest located parent
        (("sources", 0, "fake"), 9),  # the string's "fake = 1" is never taken for a key
        (("nowhere",), None),
    ],
)
def test_line_of(loc: Loc, line: int | None) -> None:
    assert tomllib.loads(TEXT)["sources"][1]["copies"][2] == 'x"]'
    assert KeyLines(TEXT).line_of(loc) == line
