-- wrk script for bench/quiz.sh: the result pages of the attempts seed-bench submitted, in turn.
local paths, cookie

function init(args)
  paths = {}
  for line in io.lines(os.getenv("QUIZ_ATTEMPTS") .. ".results") do paths[#paths + 1] = line end
  cookie = os.getenv("QUIZ_COOKIE")
  i = 0
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Cookie"] = cookie })
end
