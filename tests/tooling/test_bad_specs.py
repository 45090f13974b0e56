"""Every bad spec stops ``make generate`` and ``make publish`` with one clear message and exit 1.

The message names the file, the place in it and what was expected; no traceback, and nothing
written. Each bad spec is a small edit of the project's own (or a file that is not one at all).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
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


GENERATE_SCRIPT = """
import functools, runpy, sys
from pathlib import Path
import runspec.codegen
from runspec.codegen import Inputs

scratch = Path(sys.argv[1])
inputs = Inputs(
    spec=scratch / "openapi.yaml",
    output=scratch / "generated",
    stamp=scratch / "stamp",
    cache=scratch / "cache",
)
runspec.codegen.generate = functools.partial(runspec.codegen.generate, inputs)
sys.argv = ["scripts/generate.py"]
runpy.run_path("scripts/generate.py", run_name="__main__")
"""


@pytest.mark.parametrize("name", ["missing", "empty", "a dangling $ref"])
def test_make_generate_exits_1_with_the_message_and_no_traceback(tmp_path: Path, name: str) -> None:
    write_spec(tmp_path, name)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(GENERATE_SCRIPT), str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert BAD_SPECS[name][1][0] in done.stderr


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
    assert "expected" in message or "not valid YAML" in message
    if "$ref" in name:
        assert BAD_SPECS[name][1][-1] in message
    assert not (tmp_path / "dist").exists()


def test_the_messages_name_the_file_as_given(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, "empty")
    inputs = Inputs(spec=spec, output=tmp_path / "g", stamp=tmp_path / "s", cache=tmp_path / "c")
    with pytest.raises(CodegenError, match=f"^{spec}: the file is empty"):
        generate(inputs)
