-- wrk script for bench/quiz.sh: each request submits a different open attempt (20 answers).
-- Round r (BENCH_ROUND) takes attempts [(r-1)*QUIZ_SLICE, r*QUIZ_SLICE); thread t every THREADS-th
-- of them from t. Running out stops the thread rather than resubmitting (that would only redirect).
local paths, body, cookie, csrf
local threads_seen = 0

function setup(thread)
  thread:set("tid", threads_seen)
  threads_seen = threads_seen + 1
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("QUIZ_ATTEMPTS")) do paths[#paths + 1] = line end
  cookie = os.getenv("QUIZ_COOKIE")
  csrf = os.getenv("QUIZ_CSRF")
  body = os.getenv("QUIZ_BODY") .. "&_csrf=" .. csrf
  local slice = tonumber(os.getenv("QUIZ_SLICE"))
  step = tonumber(os.getenv("QUIZ_THREADS"))
  next_index = (tonumber(os.getenv("BENCH_ROUND")) - 1) * slice + tid + 1
  last_index = math.min(#paths, tonumber(os.getenv("BENCH_ROUND")) * slice)
end

function request()
  if next_index > last_index then
    wrk.thread:stop()
    return wrk.format("GET", "/health")
  end
  local path = paths[next_index]
  next_index = next_index + step
  return wrk.format("POST", path .. "/submit",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end
