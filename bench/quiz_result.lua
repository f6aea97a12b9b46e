-- wrk script for bench/quiz.sh: the result pages of attempts submitted in the first round, in turn.
local paths, cookie

function init(args)
  paths = {}
  local count = tonumber(os.getenv("QUIZ_RESULTS"))
  for line in io.lines(os.getenv("QUIZ_ATTEMPTS")) do
    if #paths >= count then break end
    paths[#paths + 1] = line .. "/result"
  end
  cookie = os.getenv("QUIZ_COOKIE")
  i = 0
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Cookie"] = cookie })
end
