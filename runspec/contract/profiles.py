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
from collections.abc import Mapping
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
