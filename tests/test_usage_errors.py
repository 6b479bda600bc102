"""The parser's usage errors quote the word they could not use: that word comes from outside
and goes through the one escaping function like every other message (issue 12, item 1)."""

from __future__ import annotations

import pytest

from cranes_cli.cli import main

from .conftest import TEST_ENV


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["info", "\u202eevil"], "Error: Got unexpected extra argument(s) (\\u202eevil)"),
        # The parser already quotes a command name as Python would: kept as a guard.
        (["\x1b]0;title\x07\x1b[2J"], "Error: No such command '\\x1b]0;title\\x07\\x1b[2J'."),
        (["cast", "--json\nforged line"], "No such option: --json\\"),
    ],
)
def test_usage_errors_show_what_was_typed_escaped(
    args: list[str], shown: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in TEST_ENV.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as leaving:
        main(args)
    err = capsys.readouterr().err
    assert leaving.value.code == 2
    assert shown in err
    assert "\x1b" not in err and "\u202e" not in err
    assert not any(line.startswith("forged") for line in err.splitlines())
    assert err.startswith("Usage: cranes")
