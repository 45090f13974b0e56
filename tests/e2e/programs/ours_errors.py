import assistants_runs_client as api

client = api.AuthenticatedClient()
try:
    api.create_run.sync("thread_missing", client=client, body=api.CreateRunRequest("asst_abc123"))
except api.errors.NotFoundError as exc:
    print("404:", exc.message, exc.request_id)
too_hot = api.CreateRunRequest("asst_abc123", temperature=9)
try:
    api.create_run.sync("thread_x", client=client, body=too_hot)
except api.errors.BadRequestError as exc:
    print("400:", exc.message, exc.param)
