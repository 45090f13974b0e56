"""Every bad spec stops ``make generate`` and ``make publish`` with one clear message and exit 1.

The message names the file, the place in it and what was expected; no traceback, and nothing
written. Each bad spec is a small edit of the project's own (or a file that is not one at all).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runspec import PROJECT_ROOT
from runspec.codegen import CodegenError, Inputs, generate
from runspec.publish import PublishError, publish

SPEC = PROJECT_ROOT / "openapi" / "openapi.yaml"
CREATE_RUN_SCHEMA = "#/components/schemas/CreateRunRequest"


def edited(replace: str, by: str) -> Callable[[], str]:
    def text() -> str:
        source = SPEC.read_text()
        assert replace in source
        return source.replace(replace, by, 1)

    return text


# name -> (the spec's text, or None for no file; what the message must say)
BAD_SPECS: dict[str, tuple[Callable[[], str] | None, list[str]]] = {
    "missing": (None, ["nothing there", "expected the OpenAPI document"]),
    "empty": (lambda: "", ["the file is empty", "expected an OpenAPI 3.1 document"]),
    "only a comment": (lambda: "# nothing yet\n", ["the file is empty"]),
    "a list": (lambda: "- openapi\n", ["a list", "expected an OpenAPI 3.1 document"]),
    "a string": (lambda: "openapi 3.1\n", ["a str", "expected an OpenAPI 3.1 document"]),
    "no paths": (lambda: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n", ["no paths"]),
    "not YAML": (lambda: "openapi: 3.1.0\n  bad: [\n", ["not valid YAML", "line 2"]),
    "a dangling $ref": (
        edited(f"'{CREATE_RUN_SCHEMA}'", "'#/components/schemas/NoSuchSchema'"),
        [
            'paths["/threads/{thread_id}/runs"].post.requestBody',
            "'#/components/schemas/NoSuchSchema' does not resolve",
            "expected a '#/...' pointer",
        ],
    ),
    "a $ref to another file": (
        edited(f"'{CREATE_RUN_SCHEMA}'", "'other.yaml#/CreateRunRequest'"),
        ["points outside this file"],
    ),
}


def write_spec(directory: Path, name: str) -> Path:
    make, _ = BAD_SPECS[name]
    path = directory / "openapi.yaml"
    if make is not None:
        path.write_text(make(), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BAD_SPECS)
def test_generate_says_what_is_wrong_and_writes_nothing(tmp_path: Path, name: str) -> None:
    spec = write_spec(tmp_path, name)
    output = tmp_path / "generated"
    inputs = Inputs(spec=spec, output=output, stamp=tmp_path / "stamp", cache=tmp_path / "cache")
    with pytest.raises(CodegenError) as caught:
        generate(inputs)
    message = str(caught.value)
    for part in BAD_SPECS[name][1]:
        assert part in message
    assert "Traceback" not in message
    assert not output.exists()


# What `make generate` runs (scripts/generate.py calls it with the checkout's spec), pointed at a
# scratch spec and output. A spec that is not there is a usage error of the command line (exit 2).
EXIT_CODES = {"missing": 2, "empty": 1, "a dangling $ref": 1}


@pytest.mark.parametrize("name", list(EXIT_CODES))
def test_runspec_generate_exits_with_the_message_and_no_traceback(
    tmp_path: Path, name: str
) -> None:
    spec = write_spec(tmp_path, name)
    done = subprocess.run(
        [sys.executable, "-m", "runspec.cli", "generate", "--spec", str(spec), "-o", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == EXIT_CODES[name], done.stderr
    assert "Traceback" not in done.stderr
    expected = "not found" if name == "missing" else BAD_SPECS[name][1][0]
    assert expected in done.stderr
    assert spec.name in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", BAD_SPECS)
def test_publish_says_what_is_wrong_and_writes_nothing(tmp_path: Path, name: str) -> None:
    (tmp_path / "openapi").mkdir()
    write_spec(tmp_path / "openapi", name)
    with pytest.raises(PublishError) as caught:
        publish(tmp_path, log=lambda message: None)
    message = "\n".join(caught.value.problems)
    # The spec is read by the breaking-change detector first, which words the shape errors its
    # own way; the rest are the generator's words.
    assert "openapi/openapi.yaml" in message
    if name == "a $ref to another file":
        # Publishing follows relative $refs (multi-file specs): the file that is not there is named.
        assert "openapi/other.yaml: no such file (referenced from" in message
    else:
        assert "expected" in message or "not valid YAML" in message
    if name == "a dangling $ref":
        assert BAD_SPECS[name][1][-1] in message
    assert not (tmp_path / "dist").exists()


def test_the_messages_name_the_file_as_given(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, "empty")
    inputs = Inputs(spec=spec, output=tmp_path / "g", stamp=tmp_path / "s", cache=tmp_path / "c")
    with pytest.raises(CodegenError, match=f"^{spec}: the file is empty"):
        generate(inputs)
