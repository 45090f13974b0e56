import asyncio

import openai


async def main() -> None:
    client = openai.AsyncOpenAI()
    run = await client.beta.threads.create_and_run(assistant_id="asst_abc123")
    again = await client.beta.threads.runs.create(run.thread_id, assistant_id="asst_abc123")
    print(run.id, again.id, again.status)


asyncio.run(main())
