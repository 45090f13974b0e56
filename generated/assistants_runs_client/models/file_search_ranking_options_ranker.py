"""FileSearchRankingOptionsRanker: the values allowed; The ranker; `auto` picks the newest."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
FileSearchRankingOptionsRanker: TypeAlias = Literal["auto", "default_2024_08_21"] | UnknownValue

FILE_SEARCH_RANKING_OPTIONS_RANKER_VALUES: frozenset[Literal["auto", "default_2024_08_21"]] = frozenset(
    (
        "auto",
        "default_2024_08_21",
    )
)


def check_file_search_ranking_options_ranker(value: str) -> FileSearchRankingOptionsRanker:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in FILE_SEARCH_RANKING_OPTIONS_RANKER_VALUES:
        return value
    return unknown_value(value, "FileSearchRankingOptionsRanker", FILE_SEARCH_RANKING_OPTIONS_RANKER_VALUES)
