"""``runspec overlay apply SPEC OVERLAY [OVERLAY ...] -o OUT [--strict]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runspec.cli import main
from runspec.yamlio import loads_yaml

LONG = (
    "Un texte long qui ne doit jamais être replié, même s'il dépasse de loin la largeur "
    "habituelle d'une ligne."
)
SPEC = f"""\
openapi: 3.1.0
info:
  title: Runs
  version: 2024-10-01
  description: {LONG}
paths:
  /threads/runs:
    post:
      operationId: createThreadAndRun
      x-flag: on
"""

RENAME = """\
overlay: 1.1.0
info:
  title: rename
  version: '1'
actions:
  - target: $.info
    update:
      title: 运行 API
"""

STALE = """\
overlay: 1.1.0
info:
  title: stale
  version: '1'
actions:
  - target: $.paths['/gone']
    remove: true
"""

BROKEN = """\
overlay: 1.1.0
info:
  title: broken
  version: '1'
actions:
  - target: $.info.title
    update: {a: 1}
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in {"spec": SPEC, "rename": RENAME, "stale": STALE, "broken": BROKEN}.items():
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def run(*args: str | Path) -> int:
    return main(["overlay", "apply", *(str(arg) for arg in args)])


def test_writes_yaml_without_damage(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "build" / "openapi.yaml"
    assert run(files["spec"], files["rename"], "-o", out) == 0
    text = out.read_text(encoding="utf-8")
    assert "title: 运行 API\n" in text  # unicode as is, no \u escapes
    assert "version: '2024-10-01'\n" in text  # stays a string
    assert "x-flag: 'on'\n" in text
    long_line = next(line for line in text.splitlines() if "description" in line)
    assert long_line == f"  description: {LONG}"  # not re-wrapped
    assert list(loads_yaml(text)) == ["openapi", "info", "paths"]  # key order kept


def test_json_output_by_extension(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "openapi.json"
    assert run(files["spec"], files["rename"], "-o", out) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["info"] == {
        "title": "运行 API",
        "version": "2024-10-01",
        "description": LONG,
    }
    assert "运行" in out.read_text(encoding="utf-8")


def test_dash_writes_yaml_to_stdout(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(files["spec"], files["rename"], "-o", "-") == 0
    captured = capsys.readouterr()
    assert loads_yaml(captured.out)["info"]["title"] == "运行 API"
    assert captured.err == ""


def test_unknown_output_extension_is_refused(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "openapi.txt"
    assert run(files["spec"], files["rename"], "-o", out) == 2
    assert capsys.readouterr().err == (
        f"{out}: cannot tell the output format; name it .yaml, .yml or .json\n"
    )
    assert not out.exists()


def test_zero_matches_warn_and_still_write(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.yaml"
    assert run(files["spec"], files["stale"], "-o", out) == 0
    assert capsys.readouterr().err == (
        f"{files['stale']}: actions[0] (target \"$.paths['/gone']\"): warning: "
        "target selects no nodes; nothing changed\n"
    )
    assert loads_yaml(out.read_text(encoding="utf-8")) == loads_yaml(SPEC)


def test_strict_makes_zero_matches_an_error_and_leaves_out_untouched(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("previous: result\n", encoding="utf-8")
    assert run(files["spec"], files["rename"], files["stale"], "-o", out, "--strict") == 2
    assert capsys.readouterr().err == (
        f"{files['stale']}: actions[0] (target \"$.paths['/gone']\"): "
        "target selects no nodes (an error in strict mode)\n"
        f"overlay apply failed: 1 problem; {out} left unchanged\n"
    )
    assert out.read_text(encoding="utf-8") == "previous: result\n"


def test_errors_exit_2_one_line_each_and_leave_out_untouched(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("previous: result\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    assert run(files["spec"], files["broken"], missing, "-o", out) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{missing}: cannot read: No such file or directory",
        "overlay apply failed: 1 problem; " + f"{out} left unchanged",
    ]
    assert run(files["spec"], files["broken"], "-o", out) == 2
    assert capsys.readouterr().err.splitlines() == [
        f'{files["broken"]}: actions[0] (target "$.info.title"): '
        "cannot merge an object into a string",
        f"overlay apply failed: 1 problem; {out} left unchanged",
    ]
    assert out.read_text(encoding="utf-8") == "previous: result\n"
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


def test_out_is_not_created_on_error(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "new" / "out.yaml"
    assert run(files["spec"], files["broken"], "-o", out) == 2
    assert not out.exists()


def test_needs_at_least_one_overlay_and_an_output(files: dict[str, Path]) -> None:
    with pytest.raises(SystemExit) as no_overlay:
        run(files["spec"], "-o", "-")
    assert no_overlay.value.code == 2
    with pytest.raises(SystemExit) as no_output:
        run(files["spec"], files["rename"])
    assert no_output.value.code == 2
