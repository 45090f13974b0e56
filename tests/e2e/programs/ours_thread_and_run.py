import assistants_runs_client as api

client = api.AuthenticatedClient()
body = api.CreateThreadAndRunRequest("asst_abc123")
run = api.create_thread_and_run.sync(client=client, body=body)
print(run.id, run.thread_id, run.status)
again = api.create_run.sync(run.thread_id, client=client, body=api.CreateRunRequest("asst_abc123"))
print(again.id, again.status)
