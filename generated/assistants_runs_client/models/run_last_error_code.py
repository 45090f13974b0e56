"""RunLastErrorCode: the values allowed; A machine-readable reason."""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
RunLastErrorCode: TypeAlias = Literal["invalid_prompt", "rate_limit_exceeded", "server_error"] | UnknownValue

RUN_LAST_ERROR_CODE_VALUES: frozenset[Literal["invalid_prompt", "rate_limit_exceeded", "server_error"]] = frozenset(
    (
        "invalid_prompt",
        "rate_limit_exceeded",
        "server_error",
    )
)


def check_run_last_error_code(value: str) -> RunLastErrorCode:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in RUN_LAST_ERROR_CODE_VALUES:
        return value
    return unknown_value(value, "RunLastErrorCode", RUN_LAST_ERROR_CODE_VALUES)
