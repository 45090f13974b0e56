"""The consumers check's own parts: examples to decode, the peer cut, the table, the README section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from runspec.consumers import (
    CONSUMERS,
    cut_to_operations,
    readme_section,
    render_table,
    replace_readme_section,
)
from runspec.consumers.base import Outcome, Workspace
from runspec.consumers.samples import samples
from runspec.consumers.tools import typescript_package
from runspec.overlay import apply_overlay_files
from runspec.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]


def test_every_example_and_every_transcript_event_is_a_sample() -> None:
    found = samples(load_spec())
    models = {sample.model for sample in found}
    assert {"CreateRunRequest", "RunObject", "ErrorResponse", "AssistantStreamEvent"} <= models
    # Each transcript event is decoded as an event, and its payload as its contentSchema model.
    transcript = [s for s in found if "x-transcripts.transcript #1 " in s.where]
    assert [s.model for s in transcript] == ["AssistantStreamEvent", "RunObject"]
    assert isinstance(transcript[0].value["data"], str)


def test_typed_events_samples_carry_decoded_data() -> None:
    typed = apply_overlay_files(
        ROOT / "openapi" / "openapi.yaml", [ROOT / "overlays" / "typed-events.overlay.yaml"]
    )
    events = [s for s in samples(typed) if s.model == "AssistantStreamEvent"]
    assert events
    assert all(isinstance(s.value["data"], dict) for s in events if s.value["event"] != "done")


def _peer() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "peer", "version": "1"},
        "x-oaiMeta": {"big": True},
        "tags": [{"name": "Runs"}, {"name": "Files"}],
        "paths": {
            "/threads/runs": {"post": {"operationId": "createThreadAndRun", "tags": ["Runs"],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Run"}}}}}}},
            "/files": {"get": {"operationId": "listFiles", "tags": ["Files"],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/File"}}}}}}},
        },
        "components": {"schemas": {
            "Run": {"type": "object", "properties": {"usage": {"$ref": "#/components/schemas/Usage"}}},
            "Usage": {"type": "object"},
            "File": {"type": "object"},
        }},
    }  # fmt: skip


def test_the_peer_is_cut_to_the_operations_and_what_they_reach() -> None:
    cut = cut_to_operations(_peer(), ["createThreadAndRun", "createRun"])
    assert list(cut["paths"]) == ["/threads/runs"]
    assert sorted(cut["components"]["schemas"]) == ["Run", "Usage"]
    assert cut["tags"] == [{"name": "Runs"}]
    assert "x-oaiMeta" not in cut


def test_the_table_has_a_row_per_consumer_and_says_why_one_failed() -> None:
    table = {
        "spectral": {"public": Outcome(True), "azure": Outcome(False, "2 errors")},
        "go": {"public": Outcome(None, "go is not installed"), "azure": Outcome(True)},
        "types": {"public": Outcome(None, "n/a: typed-events only"), "azure": Outcome(True)},
    }
    text = render_table(table, ["public", "azure"])
    assert "| spectral | ok | fails |" in text
    assert "| go | not run | ok |" in text
    assert "| types | — | ok |" in text
    assert "- spectral x azure: 2 errors" in text
    assert "n/a" not in text


def test_the_readme_section_is_replaced_between_its_markers() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_section(readme) is not None
    changed = replace_readme_section(readme, "| new | table |\n")
    assert readme_section(changed) == "| new | table |\n"
    assert changed.count("## ") == readme.count("## ")
    with pytest.raises(ValueError, match="no"):
        replace_readme_section("# no markers\n", "x")


def test_the_consumers_have_unique_names_and_known_tiers() -> None:
    assert len({c.name for c in CONSUMERS}) == len(CONSUMERS)
    assert {c.tier for c in CONSUMERS} == {"fast", "slow"}


def test_the_typescript_package_is_built_from_the_typed_variant_only(tmp_path: Path) -> None:
    outcome = typescript_package(Workspace(ROOT, tmp_path), ROOT / "openapi" / "openapi.yaml")
    assert outcome.ok is None
    assert outcome.detail.startswith("n/a")


@pytest.mark.parametrize(
    ("content", "message"), [("a: [unclosed", "not valid YAML"), (None, "cannot read")]
)
def test_an_unreadable_peer_is_a_clear_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    from runspec.consumers import main

    peer = tmp_path / "peer.yaml"
    if content is not None:
        peer.write_text(content, encoding="utf-8")
    assert main(["--peer", str(peer), "--work", str(tmp_path / "work"), "--tier", "fast"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("runspec consumers: ")
    assert str(peer) in err
    assert message in err
