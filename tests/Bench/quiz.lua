-- Quiz submissions by one learner per wrk thread (from BENCH_LEARNERS, "cookie|token|slug" per line).
-- BENCH_QUIZ=pair: two requests, start an attempt (302 to its page), then answer it, as a person clicking
-- "Start" and "Submit" would (the attempt page itself is not fetched). BENCH_QUIZ=submit: answers only, each
-- to a new attempt id made here, as the app makes them (nothing is stored for an attempt until it is answered).
-- Run with as many wrk threads as connections: each thread then has one connection, so replies come in order.
--
-- wrk shares its core with PostgreSQL, so what is the same for every request (headers, the encoded token, the
-- body: all of an answer but its path) is built once in init, and `response` is defined only for pairs: wrk
-- turns every response's headers into a Lua table whenever a script defines it (docs/benchmarks.md, run 14).
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local submit_only = os.getenv("BENCH_QUIZ") == "submit"
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("index", counter)
end

local headers, start_body, answer_body, quiz_path, attempt, answer_head, answer_tail

local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end

init = function(args)
  local lines = {}
  for line in io.lines(os.getenv("BENCH_LEARNERS")) do table.insert(lines, line) end
  local cookie, token, slug = lines[(index - 1) % #lines + 1]:match("^(.-)|(.-)|(.-)$")
  headers = { ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-Proto"] = "https" }
  start_body = "__RequestVerificationToken=" .. enc(token)
  answer_body = start_body .. "&" .. os.getenv("BENCH_ANSWERS")
  quiz_path = "/learn/" .. slug .. "/quiz/attempts"
  -- An answer differs from the last only in its path: the request around it is formatted once.
  answer_head, answer_tail = wrk.format("POST", "\0", headers, answer_body):match("^(.-)%z(.*)$")
end

-- A version 7 id: the time in milliseconds (wrk's clock is in seconds), then this thread's number and a count, so
-- ids never repeat (the app reads the start time from the id).
local made, second, prefix = 0, nil, nil
local function new_attempt_id()
  local now = os.time()
  if now ~= second then
    second = now
    local ms = string.format("%012x", now * 1000)
    prefix = quiz_path .. "/" .. ms:sub(1, 8) .. "-" .. ms:sub(9, 12) .. "-7"
  end
  made = made + 1
  return string.format("%s%03x-8000-%012x", prefix, index % 0x1000, made)
end

if submit_only then
  request = function()
    return answer_head .. new_attempt_id() .. answer_tail
  end
else
  request = function()
    if attempt then
      local path = attempt
      attempt = nil
      return wrk.format("POST", path, headers, answer_body)
    end
    return wrk.format("POST", quiz_path, headers, start_body)
  end

  response = function(status, headers, body)
    local location = headers["Location"]
    if status == 302 and location and not location:match("/results$") then
      attempt = location
    end
  end
end

if delay_ms > 0 then
  delay = function() return delay_ms end
end
