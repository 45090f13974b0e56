"""FileSearchRankingOptionsRanker: the values allowed; The ranker; `auto` picks the newest."""

from typing import Literal

FileSearchRankingOptionsRanker = Literal["auto", "default_2024_08_21"]

FILE_SEARCH_RANKING_OPTIONS_RANKER_VALUES: frozenset[FileSearchRankingOptionsRanker] = frozenset(
    (
        "auto",
        "default_2024_08_21",
    )
)


def check_file_search_ranking_options_ranker(value: str) -> FileSearchRankingOptionsRanker:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in FILE_SEARCH_RANKING_OPTIONS_RANKER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {sorted(FILE_SEARCH_RANKING_OPTIONS_RANKER_VALUES)!r}"
    )
