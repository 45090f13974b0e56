"""Targets that select nothing, ``strict``, several overlays, and files that cannot be used."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from runspec.overlay import (
    OverlayApplyError,
    OverlayDocumentError,
    OverlayProblem,
    OverlayWarning,
    apply_overlay,
    apply_overlay_files,
    apply_overlay_files_result,
)

SPEC = """\
openapi: 3.1.0
info:
  title: Runs
  version: 2024-10-01
paths: {}
x-flags:
  on: on
  yes: no
"""


def overlay_text(*actions: str, version: str = "1.1.0") -> str:
    return f"overlay: {version}\ninfo:\n  title: t\n  version: '1'\nactions:\n" + "".join(
        f"  - {action}\n" for action in actions
    )


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "openapi.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def overlay(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "1.1.0", "info": {"title": "t", "version": "1"}, "actions": list(actions)}


# Zero matches.


def test_target_selecting_nothing_changes_nothing_and_warns() -> None:
    doc = {"info": {"title": "a"}}
    result = apply_overlay(doc, overlay({"target": "$.nope", "remove": True}), source="t.yaml")
    assert result.document == doc
    assert result.warnings == (
        OverlayProblem("t.yaml", "target selects no nodes; nothing changed", 0, "$.nope"),
    )


def test_target_selecting_nothing_is_an_error_when_strict() -> None:
    with pytest.raises(OverlayApplyError) as caught:
        apply_overlay(
            {"info": {}},
            overlay({"target": "$.info", "update": {"a": 1}}, {"target": "$.nope", "remove": True}),
            strict=True,
            source="t.yaml",
        )
    assert str(caught.value) == (
        't.yaml: actions[1] (target "$.nope"): target selects no nodes (an error in strict mode)'
    )


def test_filter_selecting_nothing_in_an_existing_array_is_a_zero_match_too() -> None:
    doc = {"tags": ["a"]}
    result = apply_overlay(doc, overlay({"target": "$.tags[?@ == 'b']", "remove": True}))
    assert result.document == doc
    assert len(result.warnings) == 1


def test_file_api_issues_warnings_through_the_warnings_module(spec: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "o.yaml", overlay_text("target: $.nope\n    remove: true"))
    with pytest.warns(OverlayWarning, match=r"o\.yaml: actions\[0\] .*target selects no nodes"):
        apply_overlay_files(spec, [path])


# Several overlays.


def test_overlays_apply_in_the_order_given(spec: Path, tmp_path: Path) -> None:
    first = write(tmp_path, "1.yaml", overlay_text("target: $.info\n    update: {title: One}"))
    second = write(tmp_path, "2.yaml", overlay_text("target: $.info.title\n    update: Two"))
    assert apply_overlay_files(spec, [first, second])["info"]["title"] == "Two"
    assert apply_overlay_files(spec, [second, first])["info"]["title"] == "One"


def test_json_overlays_and_specs_are_read_too(tmp_path: Path) -> None:
    spec = write(tmp_path, "spec.json", json.dumps({"openapi": "3.1.0", "info": {"title": "a"}}))
    over = write(
        tmp_path,
        "o.json",
        json.dumps(overlay({"target": "$.info", "update": {"title": "b"}})),
    )
    assert apply_overlay_files(spec, [over]) == {"openapi": "3.1.0", "info": {"title": "b"}}


def test_yaml_1_2_scalars_survive(spec: Path, tmp_path: Path) -> None:
    over = write(
        tmp_path, "o.yaml", overlay_text("target: $.info\n    update: {x-date: 2025-01-31}")
    )
    document = apply_overlay_files(spec, [over])
    assert document["info"]["version"] == "2024-10-01"
    assert document["info"]["x-date"] == "2025-01-31"
    assert document["x-flags"] == {"on": "on", "yes": "no"}


# Files that cannot be used: every problem of every file is reported, nothing is applied.


def test_problems_of_all_files_are_reported_together(spec: Path, tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", overlay_text("target: $.info\n    remove: true"))
    bad_yaml = write(tmp_path, "bad.yaml", "overlay: 1.1.0\ninfo: [unclosed\n")
    bad_path = write(tmp_path, "bad-path.yaml", overlay_text("target: $.a~\n    remove: true"))
    missing = tmp_path / "missing.yaml"
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay_files(spec, [good, bad_yaml, missing, bad_path])
    lines = [str(problem) for problem in caught.value.problems]
    assert lines[0].startswith(f"{bad_yaml}: not valid YAML: line 3, column 1: ")
    assert lines[1] == f"{missing}: cannot read: No such file or directory"
    assert lines[2].startswith(
        f'{bad_path}: actions[0] (target "$.a~"): invalid JSONPath: unexpected token'
    )
    assert len(lines) == 3
    assert all("\n" not in line for line in lines)


def test_unreadable_spec_is_reported(tmp_path: Path) -> None:
    over = write(tmp_path, "o.yaml", overlay_text("target: $.info\n    remove: true"))
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay_files(tmp_path / "nope.yaml", [over])
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: cannot read: No such file or directory"


@pytest.mark.parametrize("text", ["", "- a list\n", "just text\n"])
def test_spec_that_is_not_an_object_is_reported(tmp_path: Path, text: str) -> None:
    spec = write(tmp_path, "spec.yaml", text)
    over = write(tmp_path, "o.yaml", overlay_text("target: $.info\n    remove: true"))
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay_files(spec, [over])
    assert str(caught.value) == f"{spec}: not an OpenAPI document: expected an object"


def test_invalid_json_is_reported_on_one_line(spec: Path, tmp_path: Path) -> None:
    over = write(tmp_path, "o.json", '{"overlay": "1.1.0",\n "info": }')
    with pytest.raises(OverlayDocumentError) as caught:
        apply_overlay_files(spec, [over])
    assert str(caught.value) == f"{over}: 2:10: not valid JSON: Expecting value"


def test_apply_errors_of_several_overlays_are_all_reported(spec: Path, tmp_path: Path) -> None:
    first = write(tmp_path, "1.yaml", overlay_text("target: $.info.title\n    update: {a: 1}"))
    second = write(tmp_path, "2.yaml", overlay_text("target: $.paths\n    update: [1]"))
    with pytest.raises(OverlayApplyError) as caught:
        apply_overlay_files(spec, [first, second])
    assert [str(problem) for problem in caught.value.problems] == [
        f'{first}: actions[0] (target "$.info.title"): cannot merge an object into a string',
        f'{second}: actions[0] (target "$.paths"): cannot merge an array into an object',
    ]


def test_result_variant_returns_warnings_instead_of_issuing_them(
    spec: Path, tmp_path: Path
) -> None:
    over = write(tmp_path, "o.yaml", overlay_text("target: $.nope\n    remove: true"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = apply_overlay_files_result(spec, [over])
    assert [warning.message for warning in result.warnings] == [
        "target selects no nodes; nothing changed"
    ]
