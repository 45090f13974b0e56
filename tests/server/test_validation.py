"""Body validation comes from the spec, and each failed keyword reads like the hosted API.

Each case pairs a bad value with the answer it gets; a good value of the same field is accepted
beside it. The cases go through :class:`SchemaCheck` directly (fast), and a sample through HTTP.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from runspec.server.errors import ApiError
from runspec.server.validation import (
    ErrorMapper,
    SchemaCheck,
    _spec_validators,
    _SpecValidators,
    param_path,
)
from runspec.spec import SpecSchemas
from tests.server.support import ASSISTANT, THREAD_RUNS, error_of, runs_of

RUN = "#/components/schemas/CreateRunRequest"
THREAD_AND_RUN = "#/components/schemas/CreateThreadAndRunRequest"


@pytest.fixture(scope="module")
def check_run(schemas: SpecSchemas) -> SchemaCheck:
    return SchemaCheck(schemas, RUN)


@pytest.fixture(scope="module")
def check_thread_and_run(schemas: SpecSchemas) -> SchemaCheck:
    return SchemaCheck(schemas, THREAD_AND_RUN)


def body(**fields: Any) -> dict[str, Any]:
    return {"assistant_id": ASSISTANT, **fields}


def message(**fields: Any) -> dict[str, Any]:
    return {"role": "user", "content": "Hello", **fields}


def function(**fields: Any) -> dict[str, Any]:
    return {"type": "function", "function": {"name": "get_weather", **fields}}


# (good value, bad value, message, param, code) per field of CreateRunRequest.
RUN_CASES: list[tuple[dict[str, Any], dict[str, Any], str, str | None, str | None]] = [
    # required
    (body(), {}, "Missing required parameter: 'assistant_id'.", "assistant_id", None),
    (
        body(additional_messages=[message()]),
        body(additional_messages=[{"content": "Hi"}]),
        "Missing required parameter: 'additional_messages[0].role'.",
        "additional_messages[0].role",
        None,
    ),
    (
        body(tools=[function()]),
        body(tools=[{"type": "function"}]),
        "Missing required parameter: 'tools[0].function'.",
        "tools[0].function",
        None,
    ),
    # type, with every type name
    (
        body(temperature=0.5),
        body(temperature="hot"),
        "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        "temperature",
        "invalid_type",
    ),
    (
        body(max_prompt_tokens=500),
        body(max_prompt_tokens=500.5),
        "Invalid type for 'max_prompt_tokens': expected an integer, but got a decimal instead.",
        "max_prompt_tokens",
        "invalid_type",
    ),
    (
        body(stream=True),
        body(stream="yes"),
        "Invalid type for 'stream': expected a boolean, but got a string instead.",
        "stream",
        "invalid_type",
    ),
    (
        body(model="gpt-4o"),
        body(model=4),
        "Invalid type for 'model': expected a string, but got an integer instead.",
        "model",
        "invalid_type",
    ),
    (
        body(metadata={"a": "b"}),
        body(metadata=["a"]),
        "Invalid type for 'metadata': expected an object, but got an array instead.",
        "metadata",
        "invalid_type",
    ),
    (
        body(tools=[]),
        body(tools={}),
        "Invalid type for 'tools': expected an array, but got an object instead.",
        "tools",
        "invalid_type",
    ),
    (
        body(parallel_tool_calls=False),
        body(parallel_tool_calls=None),
        "Invalid type for 'parallel_tool_calls': expected a boolean, but got null instead.",
        "parallel_tool_calls",
        "invalid_type",
    ),
    (
        body(assistant_id="asst_abc123"),
        body(assistant_id=True),
        "Invalid type for 'assistant_id': expected a string, but got a boolean instead.",
        "assistant_id",
        "invalid_type",
    ),
    # additionalProperties: false
    (
        body(),
        body(foo=1, bar=2),
        "Unrecognized request arguments supplied: bar, foo",
        None,
        None,
    ),
    # minimum / maximum, integers and decimals
    (
        body(temperature=2),
        body(temperature=3),
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, "
        "but got 3 instead.",
        "temperature",
        "decimal_above_max_value",
    ),
    (
        body(top_p=0),
        body(top_p=-0.5),
        "Invalid 'top_p': decimal below minimum value. Expected a value >= 0, but got -0.5 instead.",
        "top_p",
        "decimal_below_min_value",
    ),
    (
        body(max_completion_tokens=256),
        body(max_completion_tokens=255),
        "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 256, "
        "but got 255 instead.",
        "max_completion_tokens",
        "integer_below_min_value",
    ),
    (
        body(truncation_strategy={"type": "last_messages", "last_messages": 1}),
        body(truncation_strategy={"type": "last_messages", "last_messages": 0}),
        "Invalid 'truncation_strategy.last_messages': integer below minimum value. "
        "Expected a value >= 1, but got 0 instead.",
        "truncation_strategy.last_messages",
        "integer_below_min_value",
    ),
    # maxItems / minItems
    (
        body(tools=[{"type": "code_interpreter"}] * 20),
        body(tools=[{"type": "code_interpreter"}] * 21),
        "Invalid 'tools': array too long. Expected an array with maximum length 20, "
        "but got an array with length 21 instead.",
        "tools",
        "array_above_max_length",
    ),
    (
        body(additional_messages=[message(content=[{"type": "text", "text": "Hi"}])]),
        body(additional_messages=[message(content=[])]),
        "Invalid 'additional_messages[0].content': empty array. Expected an array with minimum "
        "length 1, but got an empty array instead.",
        "additional_messages[0].content",
        "empty_array",
    ),
    # maxProperties, propertyNames and the values of a map
    (
        body(metadata={str(i): "v" for i in range(16)}),
        body(metadata={str(i): "v" for i in range(17)}),
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, "
        "but got an object with 17 properties instead.",
        "metadata",
        "object_above_max_properties",
    ),
    (
        body(metadata={"k" * 64: "v"}),
        body(metadata={"k" * 65: "v"}),
        "Invalid 'metadata': key too long. Expected a key with maximum length 64, "
        "but got a key with length 65 instead.",
        "metadata",
        "string_above_max_length",
    ),
    (
        body(metadata={"k": "v" * 512}),
        body(metadata={"k": "v" * 513}),
        "Invalid 'metadata.k': string too long. Expected a string with maximum length 512, "
        "but got a string with length 513 instead.",
        "metadata.k",
        "string_above_max_length",
    ),
    (
        body(metadata={"k": "v"}),
        body(metadata={"k": 1}),
        "Invalid type for 'metadata.k': expected a string, but got an integer instead.",
        "metadata.k",
        "invalid_type",
    ),
    # enum and const
    (
        body(additional_messages=[message(role="assistant")]),
        body(additional_messages=[message(role="system")]),
        "Invalid value: 'system'. Supported values are: 'user' and 'assistant'.",
        "additional_messages[0].role",
        "invalid_value",
    ),
    (
        body(reasoning_effort=None),
        body(reasoning_effort="extreme"),
        "Invalid value: 'extreme'. Supported values are: 'none', 'minimal', 'low', 'medium', "
        "'high', 'xhigh', and 'max'.",
        "reasoning_effort",
        "invalid_value",
    ),
    # pattern and format
    (
        body(tools=[function(name="get-weather_2")]),
        body(tools=[function(name="get weather")]),
        "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that "
        "matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.",
        "tools[0].function.name",
        "invalid_value",
    ),
    (
        body(
            additional_messages=[
                message(content=[{"type": "image_url", "image_url": {"url": "https://x.io/a.png"}}])
            ]
        ),
        body(
            additional_messages=[
                message(content=[{"type": "image_url", "image_url": {"url": "not a uri"}}])
            ]
        ),
        "Invalid 'additional_messages[0].content[0].image_url.url': string does not match format. "
        "Expected a string in 'uri' format, but got 'not a uri' instead.",
        "additional_messages[0].content[0].image_url.url",
        "invalid_value",
    ),
    # oneOf with a discriminator: the tag picks the branch whose error is reported
    (
        body(tools=[{"type": "code_interpreter"}]),
        body(tools=[{"type": "browser"}]),
        "Invalid value: 'browser'. Supported values are: 'code_interpreter', 'file_search', "
        "and 'function'.",
        "tools[0].type",
        "invalid_value",
    ),
    (
        body(tools=[{"type": "file_search"}]),
        body(tools=[{}]),
        "Missing required parameter: 'tools[0].type'.",
        "tools[0].type",
        None,
    ),
    (
        body(tools=[{"type": "file_search", "file_search": {"max_num_results": 50}}]),
        body(tools=[{"type": "file_search", "file_search": {"max_num_results": 51}}]),
        "Invalid 'tools[0].file_search.max_num_results': integer above maximum value. "
        "Expected a value <= 50, but got 51 instead.",
        "tools[0].file_search.max_num_results",
        "integer_above_max_value",
    ),
    (
        body(additional_messages=[message(content=[{"type": "text", "text": "Hi"}])]),
        body(additional_messages=[message(content=[{"type": "text"}])]),
        "Missing required parameter: 'additional_messages[0].content[0].text'.",
        "additional_messages[0].content[0].text",
        None,
    ),
    # oneOf/anyOf without a discriminator: the value's JSON type picks the branch
    (
        body(tool_choice="required"),
        body(tool_choice="always"),
        "Invalid value: 'always'. Supported values are: 'none', 'auto', and 'required'.",
        "tool_choice",
        "invalid_value",
    ),
    (
        body(tool_choice={"type": "function", "function": {"name": "f"}}),
        body(tool_choice={"type": "function", "function": {}}),
        "Missing required parameter: 'tool_choice.function.name'.",
        "tool_choice.function.name",
        None,
    ),
    (
        body(tool_choice=None),
        body(tool_choice=5),
        "Invalid type for 'tool_choice': expected one of a string or an object, "
        "but got an integer instead.",
        "tool_choice",
        "invalid_type",
    ),
    (
        body(additional_messages=[message(content="Hi")]),
        body(additional_messages=[message(content=5)]),
        "Invalid type for 'additional_messages[0].content': expected one of a string or an array, "
        "but got an integer instead.",
        "additional_messages[0].content",
        "invalid_type",
    ),
    (
        body(response_format="auto"),
        body(response_format="json"),
        "Invalid value: 'json'. Supported values are: 'auto'.",
        "response_format",
        "invalid_value",
    ),
    (
        body(response_format={"type": "json_object"}),
        body(response_format={"type": "xml"}),
        "Invalid value: 'xml'. Supported values are: 'text', 'json_object', and 'json_schema'.",
        "response_format.type",
        "invalid_value",
    ),
    (
        body(response_format={"type": "json_schema", "json_schema": {"name": "x"}}),
        body(response_format={"type": "json_schema", "json_schema": {}}),
        "Missing required parameter: 'response_format.json_schema.name'.",
        "response_format.json_schema.name",
        None,
    ),
    (
        body(
            additional_messages=[
                message(attachments=[{"file_id": "f", "tools": [{"type": "file_search"}]}])
            ]
        ),
        body(
            additional_messages=[
                message(attachments=[{"file_id": "f", "tools": [{"type": "function"}]}])
            ]
        ),
        "Invalid value: 'function'. Supported values are: 'code_interpreter' and 'file_search'.",
        "additional_messages[0].attachments[0].tools[0].type",
        "invalid_value",
    ),
]


@pytest.mark.parametrize(
    ("good", "bad", "message", "param", "code"),
    RUN_CASES,
    ids=[case[2][:60] for case in RUN_CASES],
)
def test_create_run_body(
    check_run: SchemaCheck,
    good: dict[str, Any],
    bad: dict[str, Any],
    message: str,
    param: str | None,
    code: str | None,
) -> None:
    assert check_run.error(good) is None
    error = check_run.error(bad)
    assert error is not None
    assert (error.status, error.message, error.type, error.param, error.code) == (
        400,
        message,
        "invalid_request_error",
        param,
        code,
    )


def store(**fields: Any) -> dict[str, Any]:
    return body(thread={"tool_resources": {"file_search": fields}})


THREAD_CASES: list[tuple[dict[str, Any], dict[str, Any], str, str | None, str | None]] = [
    (
        body(thread={"messages": [message()]}),
        body(thread={"messages": [{"role": "user"}]}),
        "Missing required parameter: 'thread.messages[0].content'.",
        "thread.messages[0].content",
        None,
    ),
    (
        body(thread={}),
        body(thread={"foo": 1}),
        "Unrecognized request argument supplied: thread.foo",
        None,
        None,
    ),
    (
        body(),
        body(additional_messages=[]),
        "Unrecognized request argument supplied: additional_messages",
        None,
        None,
    ),
    # oneOf of required-only branches: exactly one of two fields
    (
        store(vector_store_ids=["vs_1"]),
        store(vector_store_ids=["vs_1"], vector_stores=[{}]),
        "Invalid 'thread.tool_resources.file_search': expected exactly one of "
        "'vector_store_ids' or 'vector_stores', but got both.",
        "thread.tool_resources.file_search",
        "invalid_value",
    ),
    (
        store(vector_stores=[{"file_ids": ["f"]}]),
        store(),
        "Invalid 'thread.tool_resources.file_search': expected exactly one of "
        "'vector_store_ids' or 'vector_stores', but got neither.",
        "thread.tool_resources.file_search",
        "invalid_value",
    ),
    (
        store(vector_store_ids=["vs_1"]),
        store(vector_store_ids=["vs_1", "vs_2"]),
        "Invalid 'thread.tool_resources.file_search.vector_store_ids': array too long. Expected "
        "an array with maximum length 1, but got an array with length 2 instead.",
        "thread.tool_resources.file_search.vector_store_ids",
        "array_above_max_length",
    ),
    (
        store(
            vector_stores=[
                {
                    "chunking_strategy": {
                        "type": "static",
                        "static": {"max_chunk_size_tokens": 100, "chunk_overlap_tokens": 0},
                    }
                }
            ]
        ),
        store(
            vector_stores=[
                {
                    "chunking_strategy": {
                        "type": "static",
                        "static": {"max_chunk_size_tokens": 99, "chunk_overlap_tokens": 0},
                    }
                }
            ]
        ),
        "Invalid 'thread.tool_resources.file_search.vector_stores[0].chunking_strategy.static."
        "max_chunk_size_tokens': integer below minimum value. Expected a value >= 100, "
        "but got 99 instead.",
        "thread.tool_resources.file_search.vector_stores[0].chunking_strategy.static."
        "max_chunk_size_tokens",
        "integer_below_min_value",
    ),
    (
        body(tool_resources={"code_interpreter": {"file_ids": ["f"] * 20}}),
        body(tool_resources={"code_interpreter": {"file_ids": ["f"] * 21}}),
        "Invalid 'tool_resources.code_interpreter.file_ids': array too long. Expected an array "
        "with maximum length 20, but got an array with length 21 instead.",
        "tool_resources.code_interpreter.file_ids",
        "array_above_max_length",
    ),
]


@pytest.mark.parametrize(
    ("good", "bad", "message", "param", "code"),
    THREAD_CASES,
    ids=[case[2][:60] for case in THREAD_CASES],
)
def test_create_thread_and_run_body(
    check_thread_and_run: SchemaCheck,
    good: dict[str, Any],
    bad: dict[str, Any],
    message: str,
    param: str | None,
    code: str | None,
) -> None:
    assert check_thread_and_run.error(good) is None
    error = check_thread_and_run.error(bad)
    assert error is not None
    assert (error.message, error.param, error.code) == (message, param, code)


def test_the_first_problem_reported_is_an_unrecognised_argument(check_run: SchemaCheck) -> None:
    error = check_run.error({"foo": 1, "temperature": "x"})
    assert error is not None
    assert error.message == "Unrecognized request argument supplied: foo"


def test_then_a_missing_one_then_a_wrong_type(check_run: SchemaCheck) -> None:
    missing = check_run.error({"temperature": "x", "top_p": 5})
    assert missing is not None
    assert missing.param == "assistant_id"
    wrong_type = check_run.error(body(temperature="x", top_p=5))
    assert wrong_type is not None
    assert wrong_type.code == "invalid_type"


def test_the_spec_decides_where_the_fast_validator_and_python_differ(
    check_run: SchemaCheck,
) -> None:
    # Python's re lets '$' match before a final newline; the Rust regex engine does not. The
    # project reads the spec with Python jsonschema, so the server accepts what it accepts.
    assert check_run.error(body(tools=[function(name="get_weather\n")])) is None


def test_documents_the_rust_validator_cannot_hold_are_judged_by_python(
    check_run: SchemaCheck,
) -> None:
    assert check_run.error(body(max_prompt_tokens=10**40)) is None
    error = check_run.error(body(max_prompt_tokens=-(10**40)))
    assert isinstance(error, ApiError)
    assert error.code == "integer_below_min_value"


# ---- the errors found skip only what the compiled validator accepts ----------------------------

VALID_MESSAGES = [
    message(
        content=[
            {"type": "text", "text": "Hi"},
            {"type": "image_url", "image_url": {"url": "https://x.io/a.png"}},
        ]
    ),
    message(role="assistant", content="Hello", metadata={"a": "b"}),
]


def beside_valid_parts(bad: dict[str, Any]) -> dict[str, Any]:
    """``bad`` with valid messages and tools added, which the error search no longer walks."""
    widened = dict(bad)
    key = "thread" if "thread" in bad else "additional_messages"
    if key == "thread":
        thread = bad["thread"]
        if isinstance(thread, dict) and isinstance(thread.get("messages", []), list):
            widened["thread"] = {
                **thread,
                "messages": [*VALID_MESSAGES, *thread.get("messages", [])],
            }
    elif isinstance(bad.get(key, []), list):
        widened[key] = [*VALID_MESSAGES, *bad.get(key, [])]
    if isinstance(bad.get("tools", []), list):
        widened["tools"] = [{"type": "code_interpreter"}, function(), *bad.get("tools", [])]
    return widened


def answer(error: ApiError | None) -> tuple[Any, ...] | None:
    return None if error is None else (error.status, error.message, error.param, error.code)


def full_walk(schemas: SpecSchemas, pointer: str, instance: Any) -> ApiError | None:
    """The error a full ``jsonschema`` walk of ``instance`` leads to, nothing skipped."""
    return ErrorMapper(schemas.document).best(schemas.validator(pointer).iter_errors(instance))


@pytest.mark.parametrize(
    ("pointer", "bad"),
    [(RUN, case[1]) for case in RUN_CASES]
    + [(THREAD_AND_RUN, case[1]) for case in THREAD_CASES]
    + [(RUN, beside_valid_parts(case[1])) for case in RUN_CASES]
    + [(THREAD_AND_RUN, beside_valid_parts(case[1])) for case in THREAD_CASES]
    + [
        (RUN, body(tools=[function(name="get_weather\n")], temperature="hot")),
        (RUN, body(additional_messages=[message(content=5)] * 60)),
        (RUN, body(max_prompt_tokens=-(10**40), additional_messages=VALID_MESSAGES)),
        (
            THREAD_AND_RUN,
            body(
                thread={
                    "messages": [*VALID_MESSAGES, message(content=[{"type": "text", "text": 5}])]
                }
            ),
        ),
    ],
)
def test_the_error_is_the_one_a_full_walk_finds(
    schemas: SpecSchemas, pointer: str, bad: dict[str, Any]
) -> None:
    check = SchemaCheck(schemas, pointer)
    expected = full_walk(schemas, pointer, bad)
    assert expected is not None
    assert answer(check.error(bad)) == answer(expected)


def error_count(errors: Any) -> int:
    """How many errors the search made, those inside each oneOf/anyOf included."""
    return sum(1 + error_count(e.context or ()) for e in errors)


def many(count: int, item: Any) -> list[Any]:
    return [item] * count


# Bodies that are wrong many times over, as a function of how many times.
HOSTILE_SHAPES: dict[str, tuple[str, Any]] = {
    "parts of an unknown type": (
        THREAD_AND_RUN,
        lambda n: body(thread={"messages": [message(content=many(n, {"type": "bogus"}))]}),
    ),
    "parts missing their fields": (
        THREAD_AND_RUN,
        lambda n: body(
            thread={"messages": [message(content=many(n, {"type": "image_url", "x": 1}))]}
        ),
    ),
    "messages of a wrong type": (RUN, lambda n: body(additional_messages=many(n, 5))),
    "messages with wrong content": (
        RUN,
        lambda n: body(additional_messages=many(n, message(content=[[{"type": "text"}]]))),
    ),
    "tools with bad names": (RUN, lambda n: body(tools=many(n, function(name="a b")))),
    "unknown arguments": (RUN, lambda n: body(**{f"x{i}": i for i in range(n)})),
    "long metadata keys": (
        RUN,
        lambda n: body(metadata={f"{'k' * 70}{i}": "v" for i in range(n)}),
    ),
    "metadata of wrong values": (RUN, lambda n: body(metadata={f"k{i}": [i] for i in range(n)})),
    "vector stores of wrong files": (
        THREAD_AND_RUN,
        lambda n: body(
            thread={
                "tool_resources": {"file_search": {"vector_stores": [{"file_ids": many(n, 5)}]}}
            }
        ),
    ),
}


@pytest.mark.parametrize("name", HOSTILE_SHAPES)
def test_the_search_does_not_grow_with_how_wrong_a_body_is(schemas: SpecSchemas, name: str) -> None:
    pointer, make = HOSTILE_SHAPES[name]
    search = _spec_validators(schemas).python(pointer)
    few, lots = make(100), make(10_000)
    assert error_count(search.iter_errors(lots)) == error_count(search.iter_errors(few))
    check = SchemaCheck(schemas, pointer)
    reported = [check.error(each) for each in (few, lots)]
    assert all(error is not None for error in reported)
    assert len({(e.param, e.code) for e in reported if e is not None}) == 1


def test_unrecognised_arguments_beyond_twenty_are_counted_not_named(check_run: SchemaCheck) -> None:
    error = check_run.error(body(**{f"x{i:02}": i for i in range(25)}))
    assert error is not None
    named = ", ".join(f"x{i:02}" for i in range(20))
    assert error.message == f"Unrecognized request arguments supplied: {named}, and 5 more"


@pytest.mark.parametrize(
    ("parts", "path"),
    [
        ([], ""),
        (["temperature"], "temperature"),
        (["thread", "messages", 0, "role"], "thread.messages[0].role"),
        (["tools", 3], "tools[3]"),
        (["include[]", 1], "include[][1]"),
    ],
)
def test_param_paths_are_dotted_and_indexed(parts: list[str | int], path: str) -> None:
    assert param_path(parts) == path


# ---- the same through HTTP -------------------------------------------------------------------


@pytest.mark.parametrize(("good", "bad", "message", "param", "code"), RUN_CASES[::6])
def test_create_run_answers_the_same_over_http(
    client: TestClient,
    good: dict[str, Any],
    bad: dict[str, Any],
    message: str,
    param: str | None,
    code: str | None,
) -> None:
    thread_id = client.post(THREAD_RUNS, json=body()).json()["thread_id"]
    response = client.post(runs_of(thread_id), json=bad)
    assert response.status_code == 400
    assert error_of(response) == {
        "message": message,
        "type": "invalid_request_error",
        "param": param,
        "code": code,
    }
    assert client.post(runs_of(thread_id), json=good).status_code == 200


def test_what_the_compiled_validator_of_a_spec_schema_accepts_is_skipped(
    schemas: SpecSchemas,
) -> None:
    spec = _spec_validators(schemas)
    schema = schemas.document["components"]["schemas"]["CreateMessageRequest"]
    assert spec.accepts(schema, message())
    assert not spec.accepts(schema, message(content=5))
    # A schema that is not part of the spec (an equal copy) is never skipped.
    assert not spec.accepts(dict(schema), message())


def test_local_refs_are_followed_by_pointer_only_in_a_document_without_ids() -> None:
    def document(extra: dict[str, Any]) -> dict[str, Any]:
        schemas = {"A": {"$ref": "#/components/schemas/B"}, "B": {"type": "string", **extra}}
        return {"components": {"schemas": schemas}}

    plain = document({})
    spec = _SpecValidators(plain)
    assert spec._local_refs
    with_id = _SpecValidators(document({"$id": "urn:other"}))
    assert not with_id._local_refs
    for each in (spec, with_id):
        errors = list(each.python("#/components/schemas/A").iter_errors(5))
        assert [(e.validator, e.message) for e in errors] == [("type", "5 is not of type 'string'")]
