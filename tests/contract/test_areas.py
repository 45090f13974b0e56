"""Conformance areas: every check has one, new checks are placed by their name's prefix."""

from __future__ import annotations

import pytest

from runspec.contract.areas import (
    AREAS,
    CHECK_AREAS,
    DEFAULT_AREA,
    PREFIX_AREAS,
    UnknownAreaError,
    area_of,
    parse_areas,
)
from runspec.contract.profiles import registered_checks


def test_every_registered_check_is_placed_by_the_table_or_its_prefix() -> None:
    for check in registered_checks():
        assert check in CHECK_AREAS or any(map(check.startswith, PREFIX_AREAS)), check
    assert set(CHECK_AREAS.values()) | set(PREFIX_AREAS.values()) <= set(AREAS)


@pytest.mark.parametrize(
    ("check", "area"),
    [
        ("ignored_auth", "auth"),
        ("errors_are_openai_errors", "errors"),
        ("event_stream_grammar", "streaming"),
        ("lifecycle_timestamps_in_seconds", "lifecycle"),
        ("stream_objects_complete", "streaming"),
        ("a_check_nobody_placed", DEFAULT_AREA),
    ],
)
def test_a_check_belongs_to_one_area(check: str, area: str) -> None:
    assert area_of(check) == area


def test_areas_to_skip_are_read_leniently_and_checked() -> None:
    assert parse_areas(["Streaming, state", "streaming"]) == ("streaming", "state")
    assert parse_areas([]) == ()
    with pytest.raises(UnknownAreaError, match=r"'stream'.*choose from: auth, headers"):
        parse_areas(["stream"])
