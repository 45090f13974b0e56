-- wrk script for the run operations: POST one JSON body with the headers the API requires.
-- The body, API key and Accept header come from the environment (set by runspec.bench.wrk), so one
-- script serves the plain and the streamed request and every server under test.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_API_KEY")
wrk.headers["OpenAI-Beta"] = "assistants=v2"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = os.getenv("BENCH_ACCEPT")
