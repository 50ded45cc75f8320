-- Quiz submissions by one learner per wrk thread (from BENCH_LEARNERS, "cookie|token|slug" per line).
-- BENCH_QUIZ=pair: two requests, start an attempt (302 to its page), then answer it, as a person clicking
-- "Start" and "Submit" would (the attempt page itself is not fetched). BENCH_QUIZ=submit: answers only, each
-- to a new attempt id made here, as the app makes them (nothing is stored for an attempt until it is answered).
-- Run with as many wrk threads as connections: each thread then has one connection, so replies come in order.
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local submit_only = os.getenv("BENCH_QUIZ") == "submit"
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
  math.randomseed(os.time() * 1000 + index * 7919)
end

-- A version 7 id: the time in milliseconds, then random bits (the app reads the start time from it).
local function new_attempt_id()
  local ms = string.format("%012x", os.time() * 1000)
  return string.format("%s-%s-7%03x-%04x-%04x%04x%04x", ms:sub(1, 8), ms:sub(9, 12), math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffff), math.random(0, 0xffff), math.random(0, 0xffff))
end

local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end

request = function()
  local headers = { ["Cookie"] = learner.cookie, ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-Proto"] = "https" }
  local token = "__RequestVerificationToken=" .. enc(learner.token)
  if submit_only then
    return wrk.format("POST", "/learn/" .. learner.slug .. "/quiz/attempts/" .. new_attempt_id(), headers, token .. "&" .. answers)
  end
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
