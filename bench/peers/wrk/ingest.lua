-- The bench's ingest load (scripts/bench ingest): wrk POSTs one fixed JSON message, a 64-character text, to
-- /api/messages of Relay, the Node stack or SignalR, over keep-alive connections, as fast as they answer.
-- Relay requires a sender, so every target gets one; the others ignore or forward it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- Relay's API key for this run (the bench passes it in the environment); the peers ignore it.
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("RELAY_BENCH_API_KEY") or "")
wrk.body = '{"channel":"bench-ingest","sender":"bench","text":"' .. string.rep("x", 64) .. '"}'

-- With RELAY_BENCH_INGEST_CHANNELS=N (scripts/bench ingest --channels N, N > 1), each thread cycles through the
-- channels bench-ingest-0 … bench-ingest-<N-1>, so the load spreads over a cluster's shards and each channel's batches
-- stay small. The bodies are built once; one channel keeps the fixed body above (no request() call per request).
local channels = tonumber(os.getenv("RELAY_BENCH_INGEST_CHANNELS") or "1")
if channels > 1 then
  local bodies = {}
  for i = 1, channels do
    bodies[i] = '{"channel":"bench-ingest-' .. (i - 1) .. '","sender":"bench","text":"' .. string.rep("x", 64) .. '"}'
  end
  local index = 0
  function request()
    index = index % channels + 1
    return wrk.format(nil, nil, nil, bodies[index])
  end
end

-- One line the bench parses: counts, wrk's errors (status: answers >= 400), and latency percentiles in µs.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "relay-bench requests=%d duration_us=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, errors.status, errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
end
