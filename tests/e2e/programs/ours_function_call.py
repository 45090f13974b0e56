import assistants_runs_client as api
from assistants_runs_client.models import AssistantToolsFunction, FunctionObject

weather = FunctionObject(name="get_weather", parameters={"type": "object", "properties": {}})
body = api.CreateThreadAndRunRequest(
    "asst_abc123", tools=[AssistantToolsFunction(weather)], tool_choice="required"
)
with api.create_thread_and_run.stream(client=api.AuthenticatedClient(), body=body) as stream:
    run = stream.get_final_run()
assert run.status == "requires_action"
assert run.required_action is not None
for call in run.required_action.submit_tool_outputs.tool_calls:
    print(call.id, call.function.name, call.function.arguments)
