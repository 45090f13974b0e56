import assistants_runs_client as api

body = api.CreateThreadAndRunRequest(assistant_id="asst_abc123")
with api.create_thread_and_run.stream(client=api.AuthenticatedClient(), body=body) as stream:
    for text in stream.text_deltas:
        print(text, end="", flush=True)
print()
