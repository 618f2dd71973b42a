-- wrk script for the e2e load checks (groups load, churn and replicas): cycles through request lines read
-- from a file
--   path<TAB>if-none-match-or-empty<TAB>accept-encoding-or-empty
-- counts statuses per thread, and looks at the validators of every answer (wrk's Lua cannot hash: the
-- replicas group's sampler does that): a 200 or 304 (anything but /healthz, which says Cache-Control:
-- no-store) must carry a strong ETag and a Last-Modified, and a 200's ETag ends in -gzip exactly when its
-- body is gzip; each answer that does not counts in badval. done() prints one line:
--   E2E_RESULT requests=N s200=N s304=N other=N ... badval=N p50_us=N p99_us=N
-- usage: wrk -t2 -c64 -d30s -s mix.lua http://127.0.0.1:PORT -- requests.tsv

local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}
local idx = 0
s200, s304, other, badval = 0, 0, 0, 0

function init(args)
  local f = assert(io.open(args[1], "r"), "cannot open request list")
  for line in f:lines() do
    local path, inm, enc = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)$")
    if path and #path > 0 then
      local headers = {}
      if #inm > 0 then headers["If-None-Match"] = inm end
      if #enc > 0 then headers["Accept-Encoding"] = enc end
      requests[#requests + 1] = wrk.format("GET", path, headers)
    end
  end
  f:close()
  assert(#requests > 0, "empty request list")
  idx = ((tonumber(offset) or 0) * 7) % #requests
end

function request()
  idx = idx % #requests + 1
  return requests[idx]
end

local function validators_wrong(status, headers)
  local h = {}
  for k, v in pairs(headers) do h[k:lower()] = v end
  if h["cache-control"] == "no-store" then return false end
  local etag, gzipped = h["etag"], h["content-encoding"] == "gzip"
  if not etag or etag:sub(1, 2) == "W/" or not h["last-modified"] then return true end
  return status == 200 and (etag:sub(-6) == '-gzip"') ~= gzipped
end

function response(status, headers, body)
  if status == 200 then s200 = s200 + 1
  elseif status == 304 then s304 = s304 + 1
  else other = other + 1 end
  if (status == 200 or status == 304) and validators_wrong(status, headers) then badval = badval + 1 end
end

function done(summary, latency, requests)
  local a, b, c, d = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("s200"); b = b + t:get("s304"); c = c + t:get("other"); d = d + t:get("badval")
  end
  local e = summary.errors
  io.write(string.format(
    "E2E_RESULT requests=%d s200=%d s304=%d other=%d connect=%d read=%d write=%d timeout=%d status=%d badval=%d p50_us=%d p99_us=%d\n",
    summary.requests, a, b, c, e.connect, e.read, e.write, e.timeout, e.status, d,
    latency:percentile(50.0), latency:percentile(99.0)))
end
