"""Profiles of the contract suite and the effective schemathesis configuration of each.

``schemathesis.toml`` at the project root is the one configuration; its numbers are the
``default`` profile. A profile changes only how hard the suite tries: how many examples
schemathesis generates per operation (``generation.max-examples``, which the fuzzing phase uses),
how many stateful scenarios it runs and how many steps each may take, and which phases run. The
examples and coverage phases have no budget: they send what the spec's examples and schemas give. :func:`config_document` applies a profile to the file's contents; the CLI gets it as a file
(``reports/schemathesis.toml``, a record of what ran) and pytest as a ``schemathesis.Config``.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemathesis import Config

from runspec.resources import CONTRACT_CONFIG_PATH

__all__ = [
    "CONFIG_PATH",
    "PHASES",
    "PROFILES",
    "Profile",
    "config_document",
    "get_profile",
    "load_config",
    "registered_checks",
    "tailor",
]

CONFIG_PATH = CONTRACT_CONFIG_PATH
PHASES = ("examples", "coverage", "fuzzing", "stateful")


@dataclass(frozen=True)
class Profile:
    """How hard the suite tries; everything else comes from ``schemathesis.toml``."""

    name: str
    max_examples: int
    phases: tuple[str, ...]
    stateful_scenarios: int
    stateful_max_steps: int
    purpose: str


PROFILES: Mapping[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile(
            "quick",
            max_examples=10,
            phases=PHASES,
            stateful_scenarios=10,
            stateful_max_steps=6,
            purpose="a smoke run: every phase and check, few examples (about 1,300 cases)",
        ),
        Profile(
            "default",
            max_examples=250,
            phases=PHASES,
            stateful_scenarios=40,
            stateful_max_steps=10,
            purpose="make contract: over 2,000 cases, under a minute against the reference server",
        ),
        Profile(
            "thorough",
            max_examples=2500,
            phases=PHASES,
            stateful_scenarios=400,
            stateful_max_steps=20,
            purpose="before a release: ten times the examples, longer stateful scenarios",
        ),
    )
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(PROFILES)
        raise ValueError(f"unknown profile {name!r}; choose one of: {known}") from None


def config_document(
    profile: Profile | str = "default", *, path: Path = CONFIG_PATH
) -> dict[str, Any]:
    """The contents of ``schemathesis.toml`` with ``profile`` applied."""
    chosen = get_profile(profile) if isinstance(profile, str) else profile
    with path.open("rb") as file:
        document: dict[str, Any] = copy.deepcopy(tomllib.load(file))
    document.setdefault("generation", {})["max-examples"] = chosen.max_examples
    phases = document.setdefault("phases", {})
    for phase in PHASES:
        phases.setdefault(phase, {})["enabled"] = phase in chosen.phases
    phases["stateful"]["max-steps"] = chosen.stateful_max_steps
    phases["stateful"].setdefault("generation", {})["max-examples"] = chosen.stateful_scenarios
    return document


def tailor(
    document: dict[str, Any],
    *,
    assistant_ids: Sequence[str] = (),
    thread_ids: Sequence[str] = (),
    skip: Sequence[str] = (),
    fail_fast: bool = False,
    stateful: bool = True,
) -> dict[str, Any]:
    """Apply a run's data and choices to a configuration document (in place; also returned).

    ``assistant_ids`` replace the spec's example assistant as the values valid bodies mostly use;
    ``thread_ids`` become most of the ``thread_id`` path parameters the fuzzing phase generates
    (the examples and coverage phases get both from the hooks); the checks of each ``skip`` area
    are switched off; ``fail_fast`` stops each phase at its first failure; ``stateful=False``
    leaves the stateful phase out (its scenarios start with a run the target does not create).
    """
    from runspec.contract.areas import checks_in, parse_areas

    if assistant_ids:
        document.setdefault("dictionaries", {})["assistants"] = {"values": list(assistant_ids)}
    if thread_ids:
        document.setdefault("dictionaries", {})["threads"] = {"values": list(thread_ids)}
        document.setdefault("parameters", {})["path.thread_id"] = {
            "dictionary": "threads",
            "probability": 0.5,
        }
    checks = document.setdefault("checks", {})
    for name in checks_in(parse_areas(skip), registered_checks()):
        checks.setdefault(name, {})["enabled"] = False
    document["continue-on-failure"] = not fail_fast
    if not stateful:
        document.setdefault("phases", {}).setdefault("stateful", {})["enabled"] = False
    return document


def registered_checks() -> list[str]:
    """Every check a run has: schemathesis's and the suite's (importing registers them)."""
    import schemathesis.specs.openapi.checks  # noqa: F401
    from schemathesis.checks import CHECKS

    import runspec.contract.checks  # noqa: F401

    return list(CHECKS.get_all_names())


def load_config(
    profile: Profile | str = "default", *, seed: int | None = None, path: Path = CONFIG_PATH
) -> Config:
    """The schemathesis configuration of ``profile``, for the Python API (pytest, in-process runs).

    ``${API_KEY}`` in the file is read from the environment now, so set it first.
    """
    document = config_document(profile, path=path)
    if seed is not None:
        document["seed"] = seed
    return Config.from_dict(document, base_dir=str(path.parent))
