"""``runspec contract``, ``runspec generate`` and ``runspec --version`` as a user types them.

What the contract suite and the generator do is tested beside them (tests/contract, tests/client);
here: the command lines, the key never on them, bad input refused with exit code 2 and a
message that says what to fix, and where the toolkit finds its files.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import runspec
from runspec import resources
from runspec.cli import main
from runspec.commands.generate import inputs_for
from runspec.contract import command as contract_command
from runspec.contract.command import ContractResult, ContractRun
from runspec.contract.summary import Tally
from runspec.overlay import apply_overlay_files_result

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_project_s(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    with (ROOT / "pyproject.toml").open("rb") as file:
        version = tomllib.load(file)["project"]["version"]
    assert capsys.readouterr().out.strip() == f"runspec {version}"
    assert runspec.__version__ == version


def test_in_a_checkout_the_working_copy_is_used() -> None:
    assert resources.IN_CHECKOUT
    assert resources.SPEC_PATH == ROOT / "openapi" / "openapi.yaml"
    assert resources.CONTRACT_CONFIG_PATH == ROOT / "schemathesis.toml"
    assert (resources.OVERLAYS_DIR / "python-client.overlay.yaml").is_file()
    assert (resources.CODEGEN_TEMPLATES / "client.py.jinja").is_file()
    assert resources.CODEGEN_CONFIG_PATH.is_file()


def test_the_wheel_maps_every_bundled_file_from_the_repository() -> None:
    with (ROOT / "pyproject.toml").open("rb") as file:
        mapped = tomllib.load(file)["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for source, target in mapped.items():
        assert (ROOT / source).exists(), source
        assert target == f"runspec/bundled/{source}", "the bundle keeps the repository's layout"
    bundled = {
        resources.SPEC_PATH.relative_to(ROOT).as_posix(),
        resources.OVERLAYS_DIR.relative_to(ROOT).as_posix(),
        resources.CONTRACT_CONFIG_PATH.relative_to(ROOT).as_posix(),
    }
    assert bundled == set(mapped)


# ---- runspec contract -------------------------------------------------------------------------


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[ContractRun]:
    """The runs the command asks for, instead of running them."""
    asked: list[ContractRun] = []

    def fake(run: ContractRun, **_: Any) -> ContractResult:
        asked.append(run)
        return ContractResult(
            exit_code=0, tally=Tally(), wall_seconds=0.0, schemathesis_cpu_seconds=0.0
        )

    monkeypatch.setattr(contract_command, "run_contract", fake)
    return asked


def test_contract_reads_the_key_from_the_named_variable(
    runs: list[ContractRun], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MY_SERVER_KEY", "sk-mine")
    code = main(
        [
            "contract",
            "https://runs.example.com/v1",
            "--api-key-env",
            "MY_SERVER_KEY",
            "--assistant-id",
            "asst_a,asst_b",
            "--assistant-id",
            "asst_c",
            "--thread-id",
            "thread_1",
            "--skip",
            "streaming",
            "--profile",
            "quick",
            "--seed",
            "7",
            "--reports",
            str(tmp_path),
            "-x",
            "--",
            "--phases",
            "examples",
        ]
    )
    assert code == 0
    [run] = runs
    assert (run.target, run.api_key, run.profile.name, run.seed) == (
        "https://runs.example.com/v1",
        "sk-mine",
        "quick",
        7,
    )
    assert list(run.assistant_ids) == ["asst_a", "asst_b", "asst_c"]
    assert (list(run.thread_ids), list(run.skip), run.fail_fast) == (
        ["thread_1"],
        ["streaming"],
        True,
    )
    assert list(run.st_arguments) == ["--phases", "examples"]
    assert run.reports == tmp_path


def test_contract_defaults_to_openai_api_key_and_local_reports(
    runs: list[ContractRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-default")
    assert main(["contract", "http://127.0.0.1:9/v1"]) == 0
    [run] = runs
    assert run.api_key == "sk-default"
    assert run.reports == Path("reports") / "contract"  # under the current directory
    assert (run.profile.name, run.fail_fast, list(run.skip)) == ("default", False, [])


def test_contract_without_url_tests_the_bundled_server_and_needs_no_key(
    runs: list[ContractRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert main(["contract", "--profile", "quick"]) == 0
    assert runs[0].target is None


def test_contract_with_url_and_no_key_says_where_the_key_goes(
    runs: list[ContractRun], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", " ")
    assert main(["contract", "http://127.0.0.1:9/v1"]) == 2
    assert "environment variable OPENAI_API_KEY" in capsys.readouterr().err
    assert runs == []


@pytest.mark.parametrize("url", ["localhost:8000/v1", "ftp://host/v1", "http:///v1"])
def test_contract_refuses_what_is_not_a_base_url(
    url: str, runs: list[ContractRun], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contract", url]) == 2
    assert "expected one like https://runs.example.com/v1" in capsys.readouterr().err
    assert runs == []


def test_contract_refuses_an_unknown_profile(
    runs: list[ContractRun], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["contract", "--profile", "fast"]) == 2
    assert (
        "unknown profile 'fast'; choose one of: quick, default, thorough" in capsys.readouterr().err
    )
    assert runs == []


def test_the_key_is_not_an_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["contract", "http://127.0.0.1:9/v1", "--api-key", "sk-on-the-command-line"])
    assert exited.value.code == 2


def test_only_contract_takes_options_after_a_double_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "openapi/openapi.yaml", "--", "--extra"])
    assert exited.value.code == 2
    assert "runspec check takes no options after --" in capsys.readouterr().err


# ---- runspec generate -------------------------------------------------------------------------


def test_generate_into_the_checkout_s_generated_keeps_make_generate_s_stamp() -> None:
    inputs = inputs_for(ROOT / "generated", None, None)
    assert inputs.stamp == ROOT / "build" / "generate.stamp"
    assert inputs.spec == resources.SPEC_PATH


def test_generate_elsewhere_keeps_its_stamp_in_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    spec = tmp_path / "mine.yaml"
    inputs = inputs_for(tmp_path / "client", spec, None)
    assert inputs.stamp.is_relative_to(tmp_path / "cache" / "runspec")
    assert inputs.cache.is_relative_to(tmp_path / "cache" / "runspec")
    assert inputs.spec == spec
    assert inputs.output == tmp_path / "client"
    other = inputs_for(tmp_path / "other", spec, None)
    assert other.stamp != inputs.stamp


def test_generate_refuses_a_directory_holding_something_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    assert main(["generate", "-o", str(tmp_path)]) == 2
    assert "not empty and not a client this command generated" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_generate_says_which_input_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.yaml"
    assert main(["generate", "-o", str(tmp_path / "client"), "--spec", str(missing)]) == 2
    assert f"--spec {missing}: not found" in capsys.readouterr().err
    assert not (tmp_path / "client").exists()


@pytest.mark.slow
def test_a_spec_that_fails_the_checks_leaves_the_output_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    spec = tmp_path / "openapi.yaml"
    text = resources.SPEC_PATH.read_text(encoding="utf-8")
    spec.write_text(text.replace("operationId: createRun\n", "operationId: createThreadAndRun\n"))
    output = tmp_path / "client"
    assert main(["generate", "-o", str(output), "--spec", str(spec)]) == 1
    assert "is unchanged" in capsys.readouterr().err
    assert not output.exists()


# ---- runspec spec -----------------------------------------------------------------------------


def test_spec_writes_the_bundled_spec_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spec"]) == 0
    assert capsys.readouterr().out == resources.SPEC_PATH.read_text(encoding="utf-8")


def test_spec_lists_a_variant_per_bundled_overlay(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spec", "--list-variants"]) == 0
    names = capsys.readouterr().out.split()
    overlays = sorted(resources.OVERLAYS_DIR.glob("*.overlay.yaml"))
    assert names == [path.name.removesuffix(".overlay.yaml") for path in overlays]


def test_spec_writes_a_variant_as_json(tmp_path: Path) -> None:
    out = tmp_path / "azure.json"
    assert main(["spec", "--variant", "azure", "-o", str(out)]) == 0
    expected = apply_overlay_files_result(
        resources.SPEC_PATH, [resources.OVERLAYS_DIR / "azure.overlay.yaml"], strict=True
    ).document
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(expected))


def test_spec_refuses_an_unknown_variant_and_names_the_known_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["spec", "--variant", "aws", "-o", str(tmp_path / "aws.yaml")]) == 2
    assert "unknown variant 'aws'; the bundled ones: azure, " in capsys.readouterr().err
    assert not (tmp_path / "aws.yaml").exists()


def test_spec_needs_an_output_it_can_name_the_format_of(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["spec", "-o", str(tmp_path / "spec.txt")]) == 2
    assert "name it .yaml, .yml or .json" in capsys.readouterr().err
