import openai

client = openai.OpenAI()
try:
    client.beta.threads.runs.create("thread_missing", assistant_id="asst_abc123")
except openai.NotFoundError as exc:
    print("404:", exc.message, exc.request_id)
try:
    client.beta.threads.runs.create("thread_x", assistant_id="asst_abc123", temperature=9)
except openai.BadRequestError as exc:
    print("400:", exc.message, exc.param)
