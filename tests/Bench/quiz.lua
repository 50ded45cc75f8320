-- A quiz submission is two requests by one learner: start an attempt (302 to it), then submit
-- answers to it. Run with as many wrk threads as connections: each thread then has one connection
-- and one learner (from BENCH_LEARNERS, "cookie|token|slug" per line), so replies come back in order.
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("index", counter)
end

local learner, answers, attempt

init = function(args)
  local lines = {}
  for line in io.lines(os.getenv("BENCH_LEARNERS")) do table.insert(lines, line) end
  local cookie, token, slug = lines[(index - 1) % #lines + 1]:match("^(.-)|(.-)|(.-)$")
  learner = { cookie = cookie, token = token, slug = slug }
  answers = os.getenv("BENCH_ANSWERS")
end

local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end

request = function()
  local headers = { ["Cookie"] = learner.cookie, ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-Proto"] = "https" }
  local token = "__RequestVerificationToken=" .. enc(learner.token)
  if attempt then
    local path = attempt
    attempt = nil
    return wrk.format("POST", path, headers, token .. "&" .. answers)
  end
  return wrk.format("POST", "/learn/" .. learner.slug .. "/quiz/attempts", headers, token)
end

response = function(status, headers, body)
  local location = headers["Location"]
  if status == 302 and location and not location:match("/results$") then
    attempt = location
  end
end

if delay_ms > 0 then
  delay = function() return delay_ms end
end
