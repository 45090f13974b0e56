"""RunLastErrorCode: the values allowed; A machine-readable reason."""

from typing import Literal

RunLastErrorCode = Literal["invalid_prompt", "rate_limit_exceeded", "server_error"]

RUN_LAST_ERROR_CODE_VALUES: frozenset[RunLastErrorCode] = frozenset(
    (
        "invalid_prompt",
        "rate_limit_exceeded",
        "server_error",
    )
)


def check_run_last_error_code(value: str) -> RunLastErrorCode:
    """``value`` if it is one of the allowed values; TypeError otherwise."""
    if value in RUN_LAST_ERROR_CODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(RUN_LAST_ERROR_CODE_VALUES)!r}")
