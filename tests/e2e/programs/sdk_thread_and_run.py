import openai

client = openai.OpenAI()
run = client.beta.threads.create_and_run(assistant_id="asst_abc123")
print(run.id, run.thread_id, run.status)
again = client.beta.threads.runs.create(run.thread_id, assistant_id="asst_abc123")
print(again.id, again.status)
