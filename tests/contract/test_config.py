"""schemathesis.toml, the profiles applied to it, and writing the effective file back."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from schemathesis.config._auth import HttpBearerAuthConfig

from runspec.contract.profiles import (
    CONFIG_PATH,
    PHASES,
    PROFILES,
    config_document,
    get_profile,
    load_config,
)
from runspec.contract.tomlout import dumps
from tests.contract.conftest import API_KEY, Exchange


def test_the_file_is_the_default_profile() -> None:
    with CONFIG_PATH.open("rb") as file:
        assert tomllib.load(file) == config_document("default")


def test_profiles_grow_from_quick_to_thorough() -> None:
    quick, default, thorough = (PROFILES[name] for name in ("quick", "default", "thorough"))
    assert quick.max_examples < default.max_examples < thorough.max_examples
    assert quick.stateful_max_steps < default.stateful_max_steps < thorough.stateful_max_steps
    assert quick.stateful_scenarios < default.stateful_scenarios < thorough.stateful_scenarios
    for profile in PROFILES.values():
        assert profile.phases == PHASES, "every profile runs every phase"


def test_a_profile_changes_only_examples_phases_and_steps() -> None:
    default, quick = config_document("default"), config_document("quick")
    assert quick["generation"]["max-examples"] == 10
    assert quick["phases"]["stateful"]["max-steps"] == 6
    assert quick["phases"]["stateful"]["generation"]["max-examples"] == 10
    for document in (default, quick):
        document["generation"].pop("max-examples")
        document["phases"]["stateful"].pop("max-steps")
        document["phases"]["stateful"].pop("generation")
    assert default == quick


def test_an_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown profile 'fast'; choose one of: quick, default"):
        get_profile("fast")


def test_the_checks_are_configured_to_bite() -> None:
    checks = config_document()["checks"]
    assert checks["enabled"] is True
    # A 404 for valid input passes only through the filter_failure hook (it names an unknown id).
    assert checks["positive_data_acceptance"]["expected-statuses"] == ["200", "429"]
    assert checks["missing_required_header"]["expected-statuses"] == ["400"]
    assert "422" not in checks["negative_data_rejection"]["expected-statuses"]


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_KEY", "sk-from-env")
    scheme = load_config("quick").projects.get_default().auth.openapi.schemes["bearerAuth"]
    assert isinstance(scheme, HttpBearerAuthConfig)
    assert scheme.bearer == "sk-from-env"
    monkeypatch.delenv("API_KEY")
    with pytest.raises(schemathesis.config.ConfigError, match="API_KEY"):
        load_config("quick")


def test_curl_reproductions_mask_the_key_but_not_token_limits(exchange: Exchange) -> None:
    case = exchange.case(
        "createRun",
        {"assistant_id": "asst_abc123", "max_prompt_tokens": 300, "max_completion_tokens": 400},
    )
    curl = case.as_curl_command(headers={"Authorization": f"Bearer {API_KEY}"})
    assert API_KEY not in curl
    assert "Authorization: [Filtered]" in curl
    assert '"max_prompt_tokens": 300' in curl
    assert '"max_completion_tokens": 400' in curl


@pytest.mark.parametrize("profile", list(PROFILES))
def test_the_effective_file_reads_back_the_same(profile: str, tmp_path: Path) -> None:
    document = config_document(profile)
    text = dumps(document)
    assert tomllib.loads(text) == document
    path = tmp_path / "schemathesis.toml"
    path.write_text(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("API_KEY", "k")
        assert schemathesis.Config.from_path(path).config_path == str(path.resolve())


@pytest.mark.parametrize(
    "document",
    [
        {"a": 1, "b": {"c": 'x"y\\z\n', "d": [1, 2.5, True, "s"]}},
        {"odd key": {"Ünïcode": "é", "e-f": {"g_h": False}}},
        {"t": {}},
    ],
)
def test_toml_round_trips(document: dict[str, Any]) -> None:
    assert tomllib.loads(dumps(document)) == document


@pytest.mark.parametrize("value", [None, float("nan"), [{"table": "in array"}], b"bytes"])
def test_toml_refuses_what_it_cannot_write(value: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        dumps({"key": value})
