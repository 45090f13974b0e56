"""``make generate`` / ``make check-generated``: generated/ is exactly what the spec makes.

Each test regenerates (a few seconds), into temporary directories: the committed generated/ is
only ever read here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from runspec import PROJECT_ROOT
from runspec.codegen import CodegenError, Inputs, check, generate
from runspec.codegen.pipeline import tree_digest
from runspec.yamlio import dump_document, load_document

COMMITTED = PROJECT_ROOT / "generated"
RUN_OBJECT = "assistants_runs_client/models/run_object.py"

pytestmark = pytest.mark.slow


def copy_of_generated(tmp_path: Path) -> Path:
    target = tmp_path / "generated"
    shutil.copytree(COMMITTED, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return target


def edited_spec(tmp_path: Path, edit: Any) -> Path:
    spec = load_document(Inputs().spec)
    edit(spec)
    path = tmp_path / "openapi.yaml"
    path.write_text(dump_document(spec), encoding="utf-8")
    return path


def test_regenerating_gives_the_committed_tree_byte_for_byte() -> None:
    assert check() == []


def test_a_hand_edit_in_generated_is_caught_and_shown(tmp_path: Path) -> None:
    output = copy_of_generated(tmp_path)
    model = output / RUN_OBJECT
    model.write_text(
        model.read_text().replace('d.get("temperature", UNSET)', 'd.get("temperature")')
    )
    (output / "assistants_runs_client" / "patch.py").write_text("X = 1\n")
    (output / "README.md").unlink()

    report = check(Inputs(output=output))

    assert [entry.split("\n")[0] for entry in report] == [
        "missing: README.md (the generator makes it; it is not in the tree)",
        f"changed: {RUN_OBJECT}",
        "extra:   assistants_runs_client/patch.py (not made by the generator)",
    ]
    diff = report[1]
    assert '-        temperature = d.get("temperature")' in diff
    assert '+        temperature = d.get("temperature", UNSET)' in diff


def test_a_spec_edit_without_regeneration_is_caught(tmp_path: Path) -> None:
    def add_field(spec: dict[str, Any]) -> None:
        run = spec["components"]["schemas"]["RunObject"]
        run["properties"]["reasoning_summary"] = {
            "type": ["string", "null"],
            "description": "A short summary of the model's reasoning.",
        }

    report = check(Inputs(spec=edited_spec(tmp_path, add_field)))
    changed = [entry.split("\n")[0] for entry in report]
    assert changed == [f"changed: {RUN_OBJECT}"]
    assert "reasoning_summary" in report[0]


def test_generate_skips_when_nothing_changed_and_repairs_a_hand_edit(tmp_path: Path) -> None:
    inputs = Inputs(output=copy_of_generated(tmp_path), stamp=tmp_path / "stamp")
    assert generate(inputs).changed == ()  # no stamp yet: renders, and finds nothing to change
    skipped = generate(inputs)
    assert skipped.changed == ()
    assert "up to date" in skipped.reason

    model = inputs.output / RUN_OBJECT
    original = model.read_bytes()
    model.write_text("# edited by hand\n")
    repaired = generate(inputs)
    assert repaired.changed == (RUN_OBJECT,)
    assert model.read_bytes() == original


def test_a_failing_run_leaves_generated_as_it_was_and_says_why(tmp_path: Path) -> None:
    output = copy_of_generated(tmp_path)
    before = tree_digest(output)

    def break_example(spec: dict[str, Any]) -> None:
        content = spec["paths"]["/threads/runs"]["post"]["requestBody"]["content"]
        content["application/json"]["examples"]["minimal"]["value"]["temperature"] = "hot"

    inputs = Inputs(spec=edited_spec(tmp_path, break_example), output=output, stamp=tmp_path / "s")
    with pytest.raises(CodegenError, match="runspec check") as caught:
        generate(inputs)
    assert "temperature" in str(caught.value)
    assert tree_digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated", "openapi.yaml"]


def test_a_spec_edit_that_strands_an_overlay_action_names_the_action(tmp_path: Path) -> None:
    def drop_rule(spec: dict[str, Any]) -> None:
        del spec["components"]["schemas"]["CreateThreadFileSearchToolResources"]["oneOf"]

    inputs = Inputs(spec=edited_spec(tmp_path, drop_rule), output=copy_of_generated(tmp_path))
    with pytest.raises(CodegenError) as caught:
        generate(inputs, force=True)
    assert "overlays/python-client.overlay.yaml" in str(caught.value)
    assert "CreateThreadFileSearchToolResources.oneOf" in str(caught.value)
