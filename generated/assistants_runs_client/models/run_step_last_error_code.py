"""RunStepLastErrorCode: the values allowed"""

from typing import Literal, TypeAlias

from ..types import UnknownValue, unknown_value

# A value a newer server may add is kept as an UnknownValue (a str); see the `types` module.
RunStepLastErrorCode: TypeAlias = Literal["rate_limit_exceeded", "server_error"] | UnknownValue

RUN_STEP_LAST_ERROR_CODE_VALUES: frozenset[Literal["rate_limit_exceeded", "server_error"]] = frozenset(
    (
        "rate_limit_exceeded",
        "server_error",
    )
)


def check_run_step_last_error_code(value: str) -> RunStepLastErrorCode:
    """``value`` if it is one of the allowed values, else an :class:`UnknownValue` (TypeError if
    parsing is strict)."""
    if value in RUN_STEP_LAST_ERROR_CODE_VALUES:
        return value
    return unknown_value(value, "RunStepLastErrorCode", RUN_STEP_LAST_ERROR_CODE_VALUES)
