"""RunStepLastErrorCode: the values allowed"""

from typing import Literal

RunStepLastErrorCode = Literal["rate_limit_exceeded", "server_error"]

RUN_STEP_LAST_ERROR_CODE_VALUES: frozenset[RunStepLastErrorCode] = frozenset(
    (
        "rate_limit_exceeded",
        "server_error",
    )
)


def check_run_step_last_error_code(value: str) -> RunStepLastErrorCode:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in RUN_STEP_LAST_ERROR_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(RUN_STEP_LAST_ERROR_CODE_VALUES)!r}")
