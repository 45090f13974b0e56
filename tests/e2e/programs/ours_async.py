import asyncio

import assistants_runs_client as api


async def main() -> None:
    client = api.AuthenticatedClient()
    body = api.CreateThreadAndRunRequest("asst_abc123")
    run = await api.create_thread_and_run.asyncio(client=client, body=body)
    again = await api.create_run.asyncio(
        run.thread_id, client=client, body=api.CreateRunRequest("asst_abc123")
    )
    print(run.id, again.id, again.status)


asyncio.run(main())
