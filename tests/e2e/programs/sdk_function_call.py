import openai

client = openai.OpenAI()
with client.beta.threads.create_and_run_stream(
    assistant_id="asst_abc123",
    tools=[
        {
            "type": "function",
            "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}},
        }
    ],
    tool_choice="required",
) as stream:
    run = stream.get_final_run()
assert run.status == "requires_action"
assert run.required_action is not None
for call in run.required_action.submit_tool_outputs.tool_calls:
    print(call.id, call.function.name, call.function.arguments)
