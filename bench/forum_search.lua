-- wrk script for bench/forum.sh: searches that each ask something new (a topic word and an
-- everyday word of seed-bench's forum, page 1 or 2), so the server's cache of search pages
-- rarely helps: what a search costs in the index. FORUM_SEARCH is the search page's path.
local topics = { "customs", "demurrage", "incoterms", "bonded", "tariff", "manifest", "consignee", "waybill",
  "reefer", "hazmat", "drayage", "crossdock", "backorder", "chargeback", "dunning", "arbitration", "indemnity",
  "forwarding", "transshipment", "quarantine", "embargo", "fumigation", "tachograph", "lashing", "stowage",
  "ballast", "bunker", "charter", "laytime", "detention", "palletising", "picking", "kitting", "slotting",
  "replenishment", "cyclecount", "shrinkage", "returns", "serialisation", "traceability", "recall" }
local words = { "customer", "parcel", "invoice", "refund", "delivery", "warehouse", "driver", "route", "pallet",
  "carrier", "delay", "damaged", "late", "early", "call", "email", "ticket", "manager", "team", "escalation",
  "apology", "discount", "credit", "order", "return", "label", "scanner", "truck", "depot", "schedule",
  "weekend", "holiday", "contract", "supplier", "quality", "claim", "photo", "form", "signature", "address",
  "weather", "traffic", "port", "container", "shipment", "priority", "urgent", "calm", "listen", "explain",
  "promise", "check", "confirm", "follow", "update", "share" }

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local path, i, step
function init(args)
  path = os.getenv("FORUM_SEARCH")
  local combinations = #topics * #words * 2
  -- Each thread and each round starts elsewhere in the combinations, and walks them with a stride (11)
  -- prime to their count, so no two requests of a run ask the same thing until all were asked.
  i = (tonumber(id) * 7919 + tonumber(os.getenv("BENCH_ROUND") or "1") * 104729) % combinations
  step = 11
end

function request()
  local combinations = #topics * #words * 2
  i = (i + step) % combinations
  local page = i % 2 + 1
  local pair = math.floor(i / 2)
  local topic = topics[pair % #topics + 1]
  local word = words[math.floor(pair / #topics) % #words + 1]
  return wrk.format("GET", path .. "?q=" .. topic .. "+" .. word .. (page > 1 and "&page=2" or ""))
end
