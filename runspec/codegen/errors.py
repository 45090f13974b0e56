"""The one error of the client generator."""

from __future__ import annotations

__all__ = ["CodegenError"]


class CodegenError(Exception):
    """Generation failed; the message says why (and ``generated/`` was left as it was)."""
