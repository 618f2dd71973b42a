-- wrk script: cycle through a list of URL paths (one per line, already
-- percent-encoded), each thread starting at a different offset.
-- usage: wrk ... -s mixed.lua http://127.0.0.1:PORT -- /path/to/paths.txt

local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

local requests = {}
local idx = 0

function init(args)
  local f = assert(io.open(args[1], "r"), "cannot open path list")
  for line in f:lines() do
    if #line > 0 then
      requests[#requests + 1] = wrk.format("GET", line)
    end
  end
  f:close()
  assert(#requests > 0, "empty path list")
  local off = tonumber(offset) or 0
  idx = (off * math.floor(#requests / 2 + 1)) % #requests
end

function request()
  idx = idx % #requests + 1
  return requests[idx]
end
