-- wrk script for bench:api's closed loop (bench/support/wrk.ts). Sends each body of the file
-- args[1] once, in order, as POST args[2] with the bearer key args[3]; once every body is sent, a
-- connection that frees up sends nothing more (an empty request: wrk then just waits on it), and
-- the thread stops when every body has been answered (and tells bench/support/wrk.ts, which
-- interrupts wrk's sleeping main thread). So no request is in flight when the bench
-- counts stored decisions, as with a fixed amount in autocannon. One wrk thread only: done() reads
-- that thread's counters.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *t);
]]
local now_ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local requests = {}
function init(args)
  local headers = { ["Authorization"] = "Bearer " .. args[3], ["Content-Type"] = "application/json" }
  for line in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("POST", args[2], headers, line)
  end
  total, sent, ok, failed, first, last = #requests, 0, 0, 0, 0, 0
end

-- wrk calls request() once before the run to check the request parses (script_verify_request):
-- that call gets the first body without counting it as sent.
local verified = false
function request()
  if not verified then
    verified = true
    return requests[1]
  end
  if sent == total then return "" end
  if sent == 0 then first = now_ms() end
  sent = sent + 1
  return requests[sent]
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else failed = failed + 1 end
  if ok + failed == total then
    last = now_ms()
    wrk.thread:stop()
    -- wrk's main thread sleeps out the whole -d duration; the driver interrupts it on this line.
    io.write("WRK_FINISHED\n")
    io.flush()
  end
end

function done(summary, latency, requests)
  local t = threads[1]
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"sent":%d,"ok":%d,"failed":%d,"ms":%.3f,"p50Us":%d,"p99Us":%d,"socketErrors":%d}\n',
    -- last is 0 when -d ran out before every answer came (a stalled server): time to now.
    t:get("sent"), t:get("ok"), t:get("failed"), (t:get("last") > 0 and t:get("last") or now_ms()) - t:get("first"),
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write))
end
