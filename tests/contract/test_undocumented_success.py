"""``undocumented_success_schema``: a 201 is no hiding place for a broken body.

Found against the openai-responses mock: it answers 201, so schemathesis (which validates bodies
of documented statuses only) never looked at its runs, and a function tool echoed with
``description: null`` went unreported. The mutant ``created-201-null-description`` injects that
bug into the reference server (tests/contract/mutants.py).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from schemathesis import CheckContext

from runspec.contract.checks import UndocumentedSuccessMismatch, undocumented_success_schema
from runspec.contract.facts import SpecFacts, spec_facts
from runspec.contract.successes import undocumented_success_errors
from runspec.spec import SpecSchemas, load_spec
from tests.contract.conftest import Exchange
from tests.contract.test_checks import as_negative, run_for

SCHEMAS = SpecSchemas.from_path()
SUCCESS = spec_facts().by_id("createThreadAndRun").success
FUNCTION: dict[str, Any] = {
    "type": "function",
    "function": {"name": "f", "parameters": {"type": "object"}},
}


def errors_of(
    run: Any, status: int = 201, media_type: str | None = "application/json"
) -> list[str]:
    assert SUCCESS is not None
    body = run if isinstance(run, bytes) else json.dumps(run).encode()
    return undocumented_success_errors(SCHEMAS, SUCCESS, status, media_type, body)


def test_the_documented_success_is_read_from_the_spec() -> None:
    for operation in spec_facts().operations:
        assert operation.success is not None, operation.operation_id
        assert operation.success.status == 200
        assert SCHEMAS.errors(run_for(), operation.success.pointer) == []


def test_an_operation_with_no_single_json_success_has_no_rule() -> None:
    document = copy.deepcopy(load_spec())
    responses = document["paths"]["/threads/runs"]["post"]["responses"]
    responses["202"] = copy.deepcopy(responses["200"])
    facts = SpecFacts.from_document(document)
    assert facts.by_id("createThreadAndRun").success is None
    assert facts.by_id("createRun").success is not None


def test_a_valid_run_answered_201_passes() -> None:
    assert errors_of(run_for(tools=[{"type": "code_interpreter"}])) == []


def test_the_documented_status_and_other_answers_are_not_judged_here() -> None:
    broken = run_for(model=None)
    assert errors_of(broken, status=200) == []  # response_schema_conformance judges a 200
    assert errors_of(broken, status=404) == []  # errors_are_openai_errors judges errors
    assert errors_of(b"event: done\ndata: [DONE]\n\n", media_type="text/event-stream") == []


def test_a_broken_run_answered_201_names_the_field() -> None:
    assert errors_of(run_for(model=None)) == ["201 answer at $.model: None is not of type 'string'"]


def test_a_body_that_is_not_json_is_named() -> None:
    assert errors_of(b"<html>") == ["the 201 answer's body is not JSON"]


def test_a_union_member_is_judged_by_the_branch_of_its_kind() -> None:
    # jsonschema's best_match would blame the code_interpreter branch's constant.
    tool = copy.deepcopy(FUNCTION)
    tool["function"]["description"] = None
    assert errors_of(run_for(tools=[tool])) == [
        "201 answer at $.tools[0].function.description: None is not of type 'string'"
    ]
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": {}, "strict": "yes"}}
    [problem] = errors_of(run_for(response_format=fmt))
    assert problem.startswith("201 answer at $.response_format.json_schema.strict: 'yes' is not")


def test_a_member_of_no_known_kind_keeps_the_union_error_shortened() -> None:
    [problem] = errors_of(run_for(tools=[{"type": "browser", "x": "y" * 500}]))
    assert problem.startswith("201 answer at $.tools[0]: {'type': 'browser'")
    assert problem.endswith("…")
    assert len(problem) < 300


# ---- the registered check --------------------------------------------------------------------------


def test_the_check_fails_a_broken_run_answered_201(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createThreadAndRun", {"assistant_id": "asst_abc123"})
    response = exchange.response(case, status=201, body=run_for(instructions=None))
    with pytest.raises(UndocumentedSuccessMismatch, match=r"\$\.instructions: None is not"):
        undocumented_success_schema(ctx, response, case)


def test_the_check_passes_a_valid_run_answered_201(exchange: Exchange, ctx: CheckContext) -> None:
    case = exchange.case("createRun", {"assistant_id": "asst_abc123"})
    response = exchange.response(case, status=201, body=run_for())
    assert undocumented_success_schema(ctx, response, case) is None


def test_the_check_leaves_wrongly_accepted_invalid_bodies_to_negative_data_rejection(
    exchange: Exchange, ctx: CheckContext
) -> None:
    case = as_negative(exchange.case("createRun", {"assistant_id": 1}))
    response = exchange.response(case, status=201, body=run_for(instructions=None))
    assert undocumented_success_schema(ctx, response, case) is None
