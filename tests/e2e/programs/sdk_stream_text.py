import openai

client = openai.OpenAI()
with client.beta.threads.create_and_run_stream(assistant_id="asst_abc123") as stream:
    for text in stream.text_deltas:
        print(text, end="", flush=True)
print()
