-- GET one path with the cookie given in the environment (BENCH_COOKIE); wrk counts non-2xx/3xx as errors.
local cookie = os.getenv("BENCH_COOKIE") or ""
local path = os.getenv("BENCH_PATH") or "/"
-- A fixed rate per connection when BENCH_DELAY_MS is set (the "70% of peak" runs).
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

-- The app sits behind a TLS-terminating proxy here, as in production: it says so in a header.
local headers = { ["X-Forwarded-Proto"] = "https" }
if cookie ~= "" then headers["Cookie"] = cookie end

request = function()
  return wrk.format("GET", path, headers)
end

if delay_ms > 0 then
  delay = function() return delay_ms end
end
