"""The spec states every fact of shared/api-facts.md: fields, types, enums, limits, nullability.

One class per fact group. The expected values are copied from api-facts on purpose: these tests
are the place where the facts are written down a second time, to catch a spec edit that drifts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tests.spec.schema_view import SchemaView

SHARED_RUN_FIELDS = {
    "assistant_id", "model", "instructions", "tools", "metadata", "temperature", "top_p",
    "stream", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice",
    "parallel_tool_calls", "response_format",
}  # fmt: skip
CREATE_RUN_ONLY = {"reasoning_effort", "additional_instructions", "additional_messages"}
THREAD_AND_RUN_ONLY = {"thread", "tool_resources"}
NULLABLE_REQUEST_FIELDS = SHARED_RUN_FIELDS - {"assistant_id", "parallel_tool_calls"}
REQUEST_BODIES = ["CreateRunRequest", "CreateThreadAndRunRequest"]


def operation(spec: Mapping[str, Any], operation_id: str) -> Mapping[str, Any]:
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, Mapping) and op.get("operationId") == operation_id:
                return op
    raise AssertionError(f"no operation {operation_id}")


class TestOperations:
    @pytest.mark.parametrize(
        ("operation_id", "path", "body"),
        [
            ("createThreadAndRun", "/threads/runs", "CreateThreadAndRunRequest"),
            ("createRun", "/threads/{thread_id}/runs", "CreateRunRequest"),
        ],
    )
    def test_operation_is_a_post_with_a_required_body(
        self, spec: Mapping[str, Any], operation_id: str, path: str, body: str
    ) -> None:
        op = spec["paths"][path]["post"]
        assert op["operationId"] == operation_id
        assert op["tags"] == ["Runs"]
        assert op["requestBody"]["required"] is True
        schema = op["requestBody"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": f"#/components/schemas/{body}"}

    def test_servers_are_the_hosted_api_and_the_local_reference_server(
        self, spec: Mapping[str, Any]
    ) -> None:
        urls = [server["url"] for server in spec["servers"]]
        assert urls == ["https://api.openai.com/v1", "http://127.0.0.1:8000/v1"]
        assert "reference server" in spec["servers"][1]["description"]

    def test_bearer_auth_applies_to_everything(self, spec: Mapping[str, Any]) -> None:
        scheme = spec["components"]["securitySchemes"]["bearerAuth"]
        assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
        assert spec["security"] == [{"bearerAuth": []}]

    @pytest.mark.parametrize("operation_id", ["createThreadAndRun", "createRun"])
    def test_openai_beta_header_is_required_and_fixed_to_v2(
        self, spec: Mapping[str, Any], view: SchemaView, operation_id: str
    ) -> None:
        refs = [p["$ref"] for p in operation(spec, operation_id)["parameters"]]
        assert "#/components/parameters/OpenAIBeta" in refs
        header = spec["components"]["parameters"]["OpenAIBeta"]
        assert (header["name"], header["in"], header["required"]) == ("OpenAI-Beta", "header", True)
        # A one-value enum with that default, not `const`: generators read it (openapi-python-client
        # drops an operation whose header is a `const`, as a Literal it does not allow there).
        assert header["schema"]["enum"] == ["assistants=v2"]
        assert header["schema"]["default"] == "assistants=v2"

    def test_create_run_takes_thread_id_and_include(self, spec: Mapping[str, Any]) -> None:
        params = spec["components"]["parameters"]
        assert params["ThreadId"] | {"schema": None} == params["ThreadId"] | {
            "name": "thread_id",
            "in": "path",
            "required": True,
            "schema": None,
        }
        assert params["ThreadId"]["schema"]["type"] == "string"
        include = params["Include"]
        assert (include["name"], include["in"]) == ("include[]", "query")
        assert include["schema"]["type"] == "array"
        assert include["schema"]["items"]["enum"] == [
            "step_details.tool_calls[*].file_search.results[*].content"
        ]

    def test_thread_and_run_links_its_thread_id_into_create_run(
        self, spec: Mapping[str, Any]
    ) -> None:
        links = operation(spec, "createThreadAndRun")["responses"]["200"]["links"]
        (link,) = links.values()
        assert link["operationId"] == "createRun"
        assert link["parameters"] == {"thread_id": "$response.body#/thread_id"}


class TestRequestBodies:
    @pytest.mark.parametrize(
        ("name", "fields"),
        [
            ("CreateRunRequest", SHARED_RUN_FIELDS | CREATE_RUN_ONLY),
            ("CreateThreadAndRunRequest", SHARED_RUN_FIELDS | THREAD_AND_RUN_ONLY),
        ],
    )
    def test_fields_required_set_and_unknown_properties(
        self, view: SchemaView, name: str, fields: set[str]
    ) -> None:
        body = view.schema(name)
        assert set(body["properties"]) == fields
        assert body["required"] == ["assistant_id"]
        assert body["additionalProperties"] is False

    @pytest.mark.parametrize("name", REQUEST_BODIES)
    def test_nullability(self, view: SchemaView, name: str) -> None:
        body = view.schema(name)
        nullable = {field for field, node in body["properties"].items() if view.nullable(node)}
        expected = NULLABLE_REQUEST_FIELDS | {"tool_resources"} & set(body["properties"])
        if name == "CreateRunRequest":
            expected |= CREATE_RUN_ONLY
        assert nullable == expected

    @pytest.mark.parametrize("name", REQUEST_BODIES)
    def test_scalar_types_and_limits(self, view: SchemaView, name: str) -> None:
        assert view.types(view.prop(name, "assistant_id")) == {"string"}
        assert view.types(view.prop(name, "model")) == {"string", "null"}
        assert view.types(view.prop(name, "stream")) == {"boolean", "null"}
        assert view.types(view.prop(name, "parallel_tool_calls")) == {"boolean"}
        temperature, top_p = view.prop(name, "temperature"), view.prop(name, "top_p")
        assert view.types(temperature) == {"number", "null"}
        assert (temperature["minimum"], temperature["maximum"]) == (0, 2)
        assert (top_p["minimum"], top_p["maximum"]) == (0, 1)
        for field in ("max_prompt_tokens", "max_completion_tokens"):
            node = view.prop(name, field)
            assert view.types(node) == {"integer", "null"}
            assert node["minimum"] == 256

    @pytest.mark.parametrize("name", REQUEST_BODIES)
    def test_tools_at_most_twenty_of_three_kinds(self, view: SchemaView, name: str) -> None:
        tools = view.prop(name, "tools")
        assert view.types(tools) == {"array", "null"}
        assert tools["maxItems"] == 20
        union = view.resolve(tools["items"])
        assert set(union["discriminator"]["mapping"]) == {
            "code_interpreter",
            "file_search",
            "function",
        }

    def test_metadata_limits(self, view: SchemaView) -> None:
        metadata = view.schema("Metadata")
        assert metadata["maxProperties"] == 16
        assert metadata["propertyNames"] == {"maxLength": 64}
        assert metadata["additionalProperties"] == {"type": "string", "maxLength": 512}

    def test_reasoning_effort_levels(self, view: SchemaView) -> None:
        effort = view.prop("CreateRunRequest", "reasoning_effort")
        assert effort["enum"] == ["none", "minimal", "low", "medium", "high", "xhigh", "max", None]

    def test_additional_messages_are_messages_to_create(self, view: SchemaView) -> None:
        messages = view.prop("CreateRunRequest", "additional_messages")
        assert view.types(messages) == {"array", "null"}
        assert messages["items"] == {"$ref": "#/components/schemas/CreateMessageRequest"}

    def test_truncation_strategy(self, view: SchemaView) -> None:
        strategy = view.non_null(view.prop("CreateRunRequest", "truncation_strategy"))
        assert strategy["required"] == ["type"]
        assert strategy["properties"]["type"]["enum"] == ["auto", "last_messages"]
        last = strategy["properties"]["last_messages"]
        assert (view.types(last), last["minimum"]) == ({"integer", "null"}, 1)

    def test_tool_choice_is_a_mode_or_a_named_tool(self, view: SchemaView) -> None:
        option = view.non_null(view.prop("CreateRunRequest", "tool_choice"))
        mode, named = (view.resolve(m) for m in option["oneOf"])
        assert mode["enum"] == ["none", "auto", "required"]
        assert named["required"] == ["type"]
        assert named["properties"]["type"]["enum"] == [
            "function",
            "code_interpreter",
            "file_search",
        ]
        assert named["properties"]["function"]["required"] == ["name"]

    def test_response_format_options(self, view: SchemaView) -> None:
        option = view.non_null(view.prop("CreateRunRequest", "response_format"))
        auto, objects = (view.resolve(m) for m in option["oneOf"])
        assert auto["const"] == "auto"
        assert set(objects["discriminator"]["mapping"]) == {"text", "json_object", "json_schema"}
        json_schema = view.prop("ResponseFormatJsonSchema", "json_schema")
        assert json_schema["required"] == ["name"]
        assert set(json_schema["properties"]) == {"name", "description", "schema", "strict"}
        assert view.types(json_schema["properties"]["strict"]) == {"boolean", "null"}

    def test_thread_to_create(self, view: SchemaView) -> None:
        thread = view.prop("CreateThreadAndRunRequest", "thread")
        assert set(thread["properties"]) == {"messages", "tool_resources", "metadata"}
        assert thread["additionalProperties"] is False
        assert "required" not in thread

    def test_tool_resource_limits(self, view: SchemaView) -> None:
        resources = view.non_null(view.prop("CreateThreadAndRunRequest", "tool_resources"))
        assert view.prop(resources, "code_interpreter", "file_ids")["maxItems"] == 20
        assert view.prop(resources, "file_search", "vector_store_ids")["maxItems"] == 1

    def test_thread_file_search_takes_store_ids_or_new_stores_not_both(
        self, view: SchemaView
    ) -> None:
        search = view.schema("CreateThreadFileSearchToolResources")
        assert search["oneOf"] == [
            {"required": ["vector_store_ids"]},
            {"required": ["vector_stores"]},
        ]
        stores = search["properties"]["vector_stores"]
        assert stores["maxItems"] == 1
        store = view.resolve(stores["items"])
        assert set(store["properties"]) == {"file_ids", "chunking_strategy", "metadata"}
        static = view.schema("StaticChunkingStrategy")
        size = static["properties"]["max_chunk_size_tokens"]
        assert (size["minimum"], size["maximum"]) == (100, 4096)
        assert static["properties"]["chunk_overlap_tokens"]["type"] == "integer"
        strategies = view.schema("ChunkingStrategyRequestParam")["discriminator"]["mapping"]
        assert set(strategies) == {"auto", "static"}


class TestToolsAndMessages:
    def test_file_search_tool_limits(self, view: SchemaView) -> None:
        settings = view.prop("AssistantToolsFileSearch", "file_search")
        results = settings["properties"]["max_num_results"]
        assert (results["minimum"], results["maximum"]) == (1, 50)
        ranking = view.resolve(settings["properties"]["ranking_options"])
        assert ranking["properties"]["ranker"]["enum"] == ["auto", "default_2024_08_21"]
        threshold = ranking["properties"]["score_threshold"]
        assert (threshold["minimum"], threshold["maximum"], ranking["required"]) == (
            0,
            1,
            ["score_threshold"],
        )

    def test_function_tool(self, view: SchemaView) -> None:
        assert view.schema("AssistantToolsFunction")["required"] == ["type", "function"]
        function = view.schema("FunctionObject")
        assert function["required"] == ["name"]
        assert function["properties"]["name"]["pattern"] == "^[a-zA-Z0-9_-]{1,64}$"
        assert view.types(function["properties"]["strict"]) == {"boolean", "null"}
        assert view.resolve(function["properties"]["parameters"])["type"] == "object"

    def test_message_to_create(self, view: SchemaView) -> None:
        message = view.schema("CreateMessageRequest")
        assert message["required"] == ["role", "content"]
        assert message["properties"]["role"]["enum"] == ["user", "assistant"]
        text, parts = message["properties"]["content"]["oneOf"]
        assert text["type"] == "string"
        assert (parts["type"], parts["minItems"]) == ("array", 1)
        kinds = view.resolve(parts["items"])["discriminator"]["mapping"]
        assert set(kinds) == {"text", "image_file", "image_url"}
        assert view.types(message["properties"]["attachments"]) == {"array", "null"}
        url = view.prop("MessageContentImageUrlObject", "image_url")
        assert (url["required"], url["properties"]["url"]["format"]) == (["url"], "uri")
        assert view.schema("ImageDetail")["enum"] == ["auto", "low", "high"]

    def test_attachment_tools(self, view: SchemaView) -> None:
        tools = view.schema("MessageAttachmentTool")["discriminator"]["mapping"]
        assert set(tools) == {"code_interpreter", "file_search"}


RUN_FIELDS = [
    "id", "object", "created_at", "thread_id", "assistant_id", "status", "required_action",
    "last_error", "expires_at", "started_at", "cancelled_at", "failed_at", "completed_at",
    "incomplete_details", "model", "instructions", "tools", "metadata", "usage", "temperature",
    "top_p", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice",
    "parallel_tool_calls", "response_format",
]  # fmt: skip
RUN_NULLABLE = {
    "required_action", "last_error", "expires_at", "started_at", "cancelled_at", "failed_at",
    "completed_at", "incomplete_details", "metadata", "usage", "temperature", "top_p",
    "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice",
    "response_format",
}  # fmt: skip


class TestRunObject:
    def test_every_field_is_present_and_required_but_temperature_and_top_p(
        self, view: SchemaView
    ) -> None:
        run = view.schema("RunObject")
        assert list(run["properties"]) == RUN_FIELDS
        assert set(run["required"]) == set(RUN_FIELDS) - {"temperature", "top_p"}
        assert run["properties"]["object"]["const"] == "thread.run"

    def test_nullability(self, view: SchemaView) -> None:
        run = view.schema("RunObject")
        nullable = {name for name, node in run["properties"].items() if view.nullable(node)}
        assert nullable == RUN_NULLABLE
        assert view.types(run["properties"]["model"]) == {"string"}
        assert view.types(run["properties"]["instructions"]) == {"string"}

    def test_status_and_limits(self, view: SchemaView) -> None:
        assert view.prop("RunObject", "status")["enum"] == [
            "queued", "in_progress", "requires_action", "cancelling", "cancelled", "failed",
            "completed", "incomplete", "expired",
        ]  # fmt: skip
        assert view.prop("RunObject", "tools")["maxItems"] == 20

    def test_required_action_is_a_list_of_function_calls(self, view: SchemaView) -> None:
        action = view.non_null(view.prop("RunObject", "required_action"))
        assert action["properties"]["type"]["const"] == "submit_tool_outputs"
        call = view.resolve(view.prop(action, "submit_tool_outputs", "tool_calls")["items"])
        assert call["required"] == ["id", "type", "function"]
        assert call["properties"]["type"]["const"] == "function"
        assert call["properties"]["function"]["required"] == ["name", "arguments"]

    def test_error_details_and_usage(self, view: SchemaView) -> None:
        last_error = view.non_null(view.prop("RunObject", "last_error"))
        assert last_error["properties"]["code"]["enum"] == [
            "server_error",
            "rate_limit_exceeded",
            "invalid_prompt",
        ]
        incomplete = view.non_null(view.prop("RunObject", "incomplete_details"))
        assert incomplete["properties"]["reason"]["enum"] == [
            "max_completion_tokens",
            "max_prompt_tokens",
        ]
        usage = view.non_null(view.prop("RunObject", "usage"))
        assert set(usage["required"]) == {"completion_tokens", "prompt_tokens", "total_tokens"}


EVENT_PAYLOADS = {
    "thread.created": "ThreadObject",
    **{
        f"thread.run.{s}": "RunObject"
        for s in [
            "created",
            "queued",
            "in_progress",
            "requires_action",
            "completed",
            "incomplete",
            "failed",
            "cancelling",
            "cancelled",
            "expired",
        ]
    },
    **{
        f"thread.run.step.{s}": "RunStepObject"
        for s in ["created", "in_progress", "completed", "failed", "cancelled", "expired"]
    },
    "thread.run.step.delta": "RunStepDeltaObject",
    **{
        f"thread.message.{s}": "MessageObject"
        for s in ["created", "in_progress", "completed", "incomplete"]
    },
    "thread.message.delta": "MessageDeltaObject",
    "error": "Error",
}


class TestStreamEvents:
    @pytest.mark.parametrize("operation_id", ["createThreadAndRun", "createRun"])
    def test_200_is_json_or_an_event_stream(
        self, spec: Mapping[str, Any], operation_id: str
    ) -> None:
        content = operation(spec, operation_id)["responses"]["200"]["content"]
        assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/RunObject"}
        stream = content["text/event-stream"]["schema"]
        assert stream == {"$ref": "#/components/schemas/AssistantStreamEvent"}

    def test_every_event_is_in_the_union(self, view: SchemaView) -> None:
        union = view.schema("AssistantStreamEvent")
        assert union["discriminator"]["propertyName"] == "event"
        assert set(union["discriminator"]["mapping"]) == set(EVENT_PAYLOADS) | {"done"}
        assert len(union["oneOf"]) == len(EVENT_PAYLOADS) + 1

    @pytest.mark.parametrize(("event", "payload"), sorted(EVENT_PAYLOADS.items()))
    def test_event_data_is_json_of_its_payload(
        self, view: SchemaView, event: str, payload: str
    ) -> None:
        target = view.schema("AssistantStreamEvent")["discriminator"]["mapping"][event]
        member = view.resolve({"$ref": target})
        assert member["required"] == ["event", "data"]
        assert member["properties"]["event"]["const"] == event
        data = member["properties"]["data"]
        assert (data["type"], data["contentMediaType"]) == ("string", "application/json")
        assert data["contentSchema"] == {"$ref": f"#/components/schemas/{payload}"}

    def test_done_carries_the_literal_done_marker(self, view: SchemaView) -> None:
        done = view.schema("DoneEvent")
        assert done["properties"]["data"]["const"] == "[DONE]"

    @pytest.mark.parametrize(
        ("name", "object_tag", "fields"),
        [
            ("ThreadObject", "thread", "id object created_at tool_resources metadata"),
            (
                "MessageObject",
                "thread.message",
                "id object created_at thread_id status incomplete_details completed_at "
                "incomplete_at role content assistant_id run_id attachments metadata",
            ),
            (
                "RunStepObject",
                "thread.run.step",
                "id object created_at assistant_id thread_id run_id type status step_details "
                "last_error expired_at cancelled_at failed_at completed_at metadata usage",
            ),
            ("MessageDeltaObject", "thread.message.delta", "id object delta"),
            ("RunStepDeltaObject", "thread.run.step.delta", "id object delta"),
        ],
    )
    def test_stream_objects_have_every_field(
        self, view: SchemaView, name: str, object_tag: str, fields: str
    ) -> None:
        schema = view.schema(name)
        assert list(schema["properties"]) == fields.split()
        assert schema["required"] == fields.split()
        assert schema["properties"]["object"]["const"] == object_tag

    def test_message_and_step_enums(self, view: SchemaView) -> None:
        assert view.prop("MessageObject", "status")["enum"] == [
            "in_progress",
            "incomplete",
            "completed",
        ]
        reasons = view.non_null(view.prop("MessageObject", "incomplete_details"))
        assert reasons["properties"]["reason"]["enum"] == [
            "content_filter", "max_tokens", "run_cancelled", "run_expired", "run_failed",
        ]  # fmt: skip
        content = view.schema("MessageContent")["discriminator"]["mapping"]
        assert set(content) == {"text", "image_file", "image_url", "refusal"}
        annotations = view.schema("TextAnnotation")["discriminator"]["mapping"]
        assert set(annotations) == {"file_citation", "file_path"}
        assert view.prop("RunStepObject", "type")["enum"] == ["message_creation", "tool_calls"]
        assert view.prop("RunStepObject", "status")["enum"] == [
            "in_progress", "cancelled", "failed", "completed", "expired",
        ]  # fmt: skip
        calls = view.schema("RunStepDetailsToolCall")["discriminator"]["mapping"]
        assert set(calls) == {"code_interpreter", "file_search", "function"}
        function = view.prop("RunStepDetailsToolCallsFunctionObject", "function")
        assert view.types(function["properties"]["output"]) == {"string", "null"}


class TestErrors:
    def test_error_body(self, view: SchemaView) -> None:
        error = view.prop("ErrorResponse", "error")
        assert error["required"] == ["message", "type", "param", "code"]
        assert view.types(error["properties"]["message"]) == {"string"}
        assert view.types(error["properties"]["param"]) == {"string", "null"}
        assert view.types(error["properties"]["code"]) == {"string", "null"}

    @pytest.mark.parametrize("operation_id", ["createThreadAndRun", "createRun"])
    @pytest.mark.parametrize("status", ["400", "401", "404", "413", "429", "500"])
    def test_error_statuses_answer_the_error_body(
        self, spec: Mapping[str, Any], view: SchemaView, operation_id: str, status: str
    ) -> None:
        response = view.resolve(operation(spec, operation_id)["responses"][status])
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}

    @pytest.mark.parametrize("operation_id", ["createThreadAndRun", "createRun"])
    def test_rate_limit_says_when_to_retry(
        self, spec: Mapping[str, Any], view: SchemaView, operation_id: str
    ) -> None:
        response = view.resolve(operation(spec, operation_id)["responses"]["429"])
        retry_after = view.resolve(response["headers"]["Retry-After"])
        assert retry_after["schema"]["type"] == "integer"

    @pytest.mark.parametrize("operation_id", ["createThreadAndRun", "createRun"])
    def test_every_response_declares_x_request_id(
        self, spec: Mapping[str, Any], view: SchemaView, operation_id: str
    ) -> None:
        for status, response in operation(spec, operation_id)["responses"].items():
            header = view.resolve(view.resolve(response)["headers"]["x-request-id"])
            assert header["required"] is True, status
