"""``runspec diff OLD NEW``: formats, ``--fail-on``, exit codes, and git sources.

Exit 0 when nothing at or above ``--fail-on`` changed, 1 when something did, 2 when an input cannot
be read (missing file, invalid YAML, unknown git ref, not an OpenAPI document).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from runspec.cli import main
from runspec.diff import RULES
from runspec.yamlio import dump_document
from tests.diff.specs import STRING, body, prop, response_prop

BASE = prop(STRING)
BREAKING = prop(STRING, required=True)  # request-property-became-required
WARNING = body({"type": "object", "properties": {}})  # request-property-removed
INFO = prop({"type": ["string", "null"]})  # request-property-became-nullable


def _write(tmp_path: Path, name: str, doc: Any) -> str:
    path = tmp_path / name
    path.write_text(dump_document(doc, as_json=name.endswith(".json")), encoding="utf-8")
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_identical_documents_exit_0_and_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _write(tmp_path, "a.yaml", BASE), _write(tmp_path, "b.json", BASE)
    assert _run(capsys, old, new) == (0, "no changes\n", "")


def test_a_breaking_change_exits_1_and_is_listed_with_its_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, _write(tmp_path, "a.yaml", BASE), _write(tmp_path, "b.yaml", BREAKING)
    )
    assert code == 1
    assert out.splitlines() == [
        "breaking  POST /things request body: x: became required  "
        "[request-property-became-required]",
        "1 breaking, 0 warning, 0 info",
    ]


@pytest.mark.parametrize(
    ("new", "fail_on", "expected"),
    [
        (WARNING, "breaking", 0),
        (WARNING, "warning", 1),
        (INFO, "warning", 0),
        (BREAKING, "warning", 1),
    ],
    ids=["warning-vs-breaking", "warning-vs-warning", "info-vs-warning", "breaking-vs-warning"],
)
def test_fail_on_sets_the_least_severity_that_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new: Any, fail_on: str, expected: int
) -> None:
    old_path, new_path = _write(tmp_path, "a.yaml", BASE), _write(tmp_path, "b.yaml", new)
    assert _run(capsys, old_path, new_path, "--fail-on", fail_on)[0] == expected


def test_json_format_lists_every_change_with_id_severity_and_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _write(tmp_path, "a.yaml", response_prop({"type": "string", "enum": ["a"]}))
    new = _write(tmp_path, "b.yaml", response_prop({"type": "string", "enum": ["a", "b"]}))
    code, out, _ = _run(capsys, old, new, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["summary"] == {"breaking": 0, "warning": 1, "info": 0}
    assert report["changes"] == [
        {
            "id": "response-property-enum-value-added",
            "oasdiffId": "response-property-enum-value-added",
            "severity": "warning",
            "operation": "POST /things",
            "operationId": "createThing",
            "where": "response 200",
            "path": "x",
            "location": "POST /things response 200: x",
            "message": "enum value `b` added",
        }
    ]


def test_markdown_format_puts_breaking_changes_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = prop({"type": ["string", "null"], "pattern": "^a"}, required=True)
    code, out, _ = _run(
        capsys,
        _write(tmp_path, "a.yaml", BASE),
        _write(tmp_path, "b.yaml", new),
        "--format",
        "markdown",
    )
    assert code == 1
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings == ["### Breaking changes (2)", "### Other changes (1)"]
    assert (
        "- `POST /things` request body `x`: became required (`request-property-became-required`)"
        in out
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("paths: [unclosed", "not valid YAML"),
        ("just: a mapping\n", "not an OpenAPI 3.x document"),
        ("openapi: 2.0\npaths: {}\n", "not an OpenAPI 3.x document"),
        ("- a list\n", "expected a mapping"),
    ],
    ids=["missing", "invalid-yaml", "no-openapi-field", "swagger-2", "a-list"],
)
def test_unreadable_input_exits_2_with_one_line_naming_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    code, out, err = _run(capsys, str(bad), _write(tmp_path, "b.yaml", BASE))
    assert (code, out) == (2, "")
    assert message in err
    assert len(err.strip().splitlines()) == 1


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_git_sources_read_a_file_as_it_was_at_a_ref(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _git(tmp_path, "init", "-q")
    spec = Path(_write(tmp_path, "openapi.yaml", BASE))
    _git(tmp_path, "add", "openapi.yaml")
    _git(tmp_path, "commit", "-q", "-m", "base")
    _git(tmp_path, "tag", "v1.0.0")
    spec.write_text(dump_document(BREAKING), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert _run(capsys, "git:v1.0.0:openapi.yaml", "openapi.yaml")[0] == 1
    assert _run(capsys, "git:HEAD:openapi.yaml", "git:v1.0.0:openapi.yaml")[0] == 0
    code, _, err = _run(capsys, "git:v9.9.9:openapi.yaml", "openapi.yaml")
    assert code == 2
    assert err.startswith("runspec diff: git:v9.9.9:openapi.yaml: ")
    code, _, err = _run(capsys, "git:v1.0.0", "openapi.yaml")
    assert code == 2
    assert "expected git:<ref>:<path>" in err


def test_list_rules_prints_every_rule_with_its_severity(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--list-rules")
    assert code == 0
    listed = {line.split()[1]: line.split()[0] for line in out.splitlines()}
    assert listed == {rule.id: rule.severity.label for rule in RULES.values()}


def test_list_rules_names_oasdiffs_rule_where_it_differs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _run(capsys, "--list-rules")[1]
    lines = {line.split()[1]: line for line in out.splitlines()}
    assert (
        "oasdiff: request-property-type-changed (breaking)"
        in (lines["request-property-format-changed"])
    )
    assert (
        "oasdiff: response-property-one-of-added (breaking)"
        in (lines["response-property-variant-added"])
    )
    assert "oasdiff: same" in lines["request-property-became-required"]
    assert (
        "(oasdiff also: request-property-any-of-removed)"
        in (lines["request-property-variant-removed"])
    )
    assert "oasdiff: -" in lines["stream-event-removed"]
    deliberate = lines["response-required-property-became-write-only"]
    assert "oasdiff: same id (info)" not in deliberate
    assert "oasdiff: response-required-property-became-write-only (info)" in deliberate
    assert "(oasdiff: info)" in deliberate  # the description says why we judge otherwise


def test_the_installed_command_runs_the_same_code(tmp_path: Path) -> None:
    old, new = _write(tmp_path, "a.yaml", BASE), _write(tmp_path, "b.yaml", BREAKING)
    completed = subprocess.run(
        [sys.executable, "-m", "runspec.cli", "diff", old, new, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["summary"]["breaking"] == 1
