-- wrk script for bench:api's open loop (bench/support/wrk.ts): request k (k = 1 … total) is due at
-- start + (k − 1) / rate, whether or not earlier ones have answered, and its latency is measured from
-- that DUE time, as openLoop in bench/support/load.ts does in Node, at a tenth of the CPU.
-- args: [1] bodies file (one per line), [2] path, [3] key, [4] rate per second, [5] output file.
--
-- wrk's script hooks get no connection, so a request carries its number in X-Request-Id, which the
-- servers answer with (the API keeps a caller's id; the naive handler echoes it), and response()
-- reads it back. Each connection waits in delay() for the next request not yet due (one in flight per
-- connection; a request finding every connection busy goes out late, its lateness counted). Requests
-- go out in due order, so the k-th one sent is request k.
--
-- Output lines: "S k lag" when request k is sent (ms after its due time), "R k latency status" when
-- it is answered. One wrk thread only.
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

local requests = {}
local interval, total, out
local start = nil
local claimed, sent, answered = 0, 0, 0
local first_sent, last_answer = 0, 0

function init(args)
  interval = 1000 / tonumber(args[4])
  local k = 0
  for line in io.lines(args[1]) do
    k = k + 1
    requests[k] = wrk.format("POST", args[2], {
      ["Authorization"] = "Bearer " .. args[3],
      ["Content-Type"] = "application/json",
      ["X-Request-Id"] = "bench-" .. k,
    }, line)
  end
  total = k
  out = io.open(args[5], "w")
end

local function due(k)
  return start + (k - 1) * interval
end

-- Called before each request of a connection; the answer is how many ms it waits, rounded up. wrk's
-- timers count whole milliseconds of another clock, so a request can still go out up to ~1 ms before
-- its due time (seen: a median of −0.08 ms on a loaded machine); its lag is then negative, as written.
function delay()
  if start == nil then start = now_ms() + 50 end
  if claimed >= total then return 3600000 end -- every request is out: this connection idles
  claimed = claimed + 1
  local wait = due(claimed) - now_ms()
  if wait <= 0 then return 0 end
  return math.ceil(wait)
end

-- wrk calls request() once before the run to check the request parses (script_verify_request).
local verified = false
function request()
  if not verified then
    verified = true
    return requests[1]
  end
  if sent >= total then return "" end
  sent = sent + 1
  local t = now_ms()
  if sent == 1 then first_sent = t end
  out:write("S ", sent, " ", string.format("%.3f", t - due(sent)), "\n")
  return requests[sent]
end

function response(status, headers, body)
  local t = now_ms()
  local id = headers["x-request-id"] or headers["X-Request-Id"] or ""
  local k = tonumber(string.match(id, "^bench%-(%d+)$"))
  if k == nil then
    out:write("X 0 0 ", status, "\n") -- an answer without our id: counted as failed
  else
    out:write("R ", k, " ", string.format("%.3f", t - due(k)), " ", status, "\n")
  end
  answered = answered + 1
  last_answer = t
  -- Buffered, but flushed now and then: a run that wrk's -d cuts short keeps what was answered.
  if answered % 500 == 0 then out:flush() end
  if answered == total then
    out:write("E ", string.format("%.3f", last_answer - first_sent), "\n")
    out:close()
    wrk.thread:stop()
    -- wrk's main thread sleeps out the whole -d duration; the driver interrupts it on this line.
    io.write("WRK_FINISHED\n")
    io.flush()
  end
end
