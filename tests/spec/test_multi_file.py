"""A spec split over several local files: relative ``$ref``s to other files are followed.

The real spec, with its schemas moved to a second file, checks clean and means the same to
``runspec diff`` as the one-file spec; a missing file, a pointer that names nothing and a ``$ref``
chain that only leads back to itself are each refused with the file and the reference.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from runspec.check import check_file
from runspec.cli import main
from runspec.diff import DiffInputError, diff_documents, load_source
from runspec.refs import FILES_KEY
from runspec.spec import load_spec_file
from runspec.yamlio import YamlError, dump_document

_COMPONENT_REF = re.compile(r"#/components/schemas/")


def _write(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_document(document), encoding="utf-8")
    return path


def _split(spec: Mapping[str, Any], directory: Path) -> Path:
    """The spec as ``openapi.yaml`` whose schemas each ``$ref`` ``schemas/all.yaml#/<name>``."""
    schemas = spec["components"]["schemas"]
    moved = dump_document(dict(schemas)).replace("#/components/schemas/", "#/")
    (directory / "schemas").mkdir(parents=True)
    (directory / "schemas" / "all.yaml").write_text(moved, encoding="utf-8")
    root = dict(spec)
    root["components"] = {
        **spec["components"],
        "schemas": {name: {"$ref": f"schemas/all.yaml#/{name}"} for name in schemas},
    }
    return _write(directory / "openapi.yaml", root)


def test_the_spec_split_over_two_files_checks_clean(
    spec: Mapping[str, Any], tmp_path: Path
) -> None:
    assert check_file(_split(spec, tmp_path)) == []


def test_the_spec_split_over_two_files_means_the_same_to_the_diff(
    spec: Mapping[str, Any], tmp_path: Path
) -> None:
    split = load_source(str(_split(spec, tmp_path)))
    assert diff_documents(spec, split) == []
    assert diff_documents(split, spec) == []


def test_a_change_in_the_other_file_is_reported_where_it_is_used(
    spec: Mapping[str, Any], tmp_path: Path
) -> None:
    old = load_source(str(_split(spec, tmp_path / "old")))
    schemas = dict(spec["components"]["schemas"])
    status = schemas["RunStatus"]
    schemas["RunStatus"] = {**status, "enum": [v for v in status["enum"] if v != "queued"]}
    path = _split({**spec, "components": {**spec["components"], "schemas": schemas}}, tmp_path)
    changes = diff_documents(old, load_source(str(path)))
    assert {(c.rule, c.path) for c in changes} >= {
        ("response-property-enum-value-removed", "status")
    }


def _thing_spec(ref: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": ref}}},
                        }
                    },
                }
            }
        },
    }


def test_files_that_refer_to_each_other_in_a_circle_are_read_once(tmp_path: Path) -> None:
    _write(tmp_path / "openapi.yaml", _thing_spec("a.yaml#/A"))
    _write(tmp_path / "a.yaml", {"A": {"type": "object", "properties": {"b": {"$ref": "b.yaml"}}}})
    _write(tmp_path / "b.yaml", {"type": "array", "items": {"$ref": "a.yaml#/A"}})
    document = load_spec_file(tmp_path / "openapi.yaml")
    assert sorted(document[FILES_KEY]) == ["a.yaml", "b.yaml"]
    assert document[FILES_KEY]["b.yaml"]["items"] == {"$ref": f"#/{FILES_KEY}/a.yaml/A"}
    assert check_file(tmp_path / "openapi.yaml") == []


def test_a_spec_without_external_refs_is_returned_as_it_is(tmp_path: Path) -> None:
    _write(tmp_path / "openapi.yaml", _thing_spec("#/components/schemas/X"))
    assert FILES_KEY not in load_spec_file(tmp_path / "openapi.yaml")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"openapi.yaml": _thing_spec("schemas/missing.yaml#/A")},
            r"schemas/missing.yaml: no such file \(referenced from .*openapi.yaml\)",
            id="missing-file",
        ),
        pytest.param(
            {"openapi.yaml": _thing_spec("a.yaml#/Nope"), "a.yaml": {"A": {"type": "object"}}},
            r"openapi.yaml: \$ref 'a.yaml#/Nope': .*a.yaml has nothing at #/Nope",
            id="missing-pointer",
        ),
        pytest.param(
            {"openapi.yaml": _thing_spec("a.yaml#/A"), "a.yaml": {"A": {"$ref": "#/B"}}},
            r"a.yaml: \$ref '#/B': .*a.yaml has nothing at #/B",
            id="missing-pointer-inside-the-other-file",
        ),
        pytest.param(
            {
                "openapi.yaml": _thing_spec("a.yaml#/A"),
                "a.yaml": {"A": {"$ref": "b.yaml#/B"}},
                "b.yaml": {"B": {"$ref": "a.yaml#/A"}},
            },
            r"circular \$ref chain",
            id="ref-loop",
        ),
    ],
)
def test_a_reference_that_cannot_be_followed_is_refused_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, Any], expected: str
) -> None:
    for name, document in files.items():
        _write(tmp_path / name, document)
    root = str(tmp_path / "openapi.yaml")
    with pytest.raises(YamlError, match=expected):
        check_file(root)
    with pytest.raises(DiffInputError, match=expected):
        load_source(root)
    assert main(["check", root]) == 2
    assert main(["diff", root, root]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(expected, err)


def test_git_sources_follow_refs_at_the_same_commit(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    _write(tmp_path / "api" / "openapi.yaml", _thing_spec("parts/a.yaml#/A"))
    _write(tmp_path / "api" / "parts" / "a.yaml", {"A": {"type": "object", "required": ["x"]}})
    git("add", ".")
    git("commit", "-q", "-m", "one")
    _write(tmp_path / "api" / "parts" / "a.yaml", {"A": {"type": "object"}})
    old = load_source("git:HEAD:api/openapi.yaml", cwd=tmp_path)
    new = load_source("api/openapi.yaml", cwd=tmp_path)
    assert [change.rule for change in diff_documents(old, new)] == [
        "response-required-property-removed"
    ]
    _write(tmp_path / "api" / "openapi.yaml", _thing_spec("parts/b.yaml#/A"))
    git("commit", "-q", "-am", "two")
    with pytest.raises(DiffInputError, match="no such file"):
        load_source("git:HEAD:api/openapi.yaml", cwd=tmp_path)
