-- wrk script for bench/images.sh: every path of a list is asked for exactly once, spread over wrk's threads, and
-- wrk stops when each thread has its answers. Prints one line of key=value figures in the form of `k2-bench http-load`.
--
--   wrk -t THREADS -c CONNECTIONS -d 600s -s bench/wrk-keys.lua URL -- PATHS_FILE THREADS
--
-- delay() runs before each request(): a connection whose thread has no path left is parked for an hour (the thread
-- stops long before), so no request beyond the list is sent or measured. wrk itself runs for its -d duration whatever
-- its threads do, so the last thread to finish ends it with SIGINT (which wrk takes as "stop now and report"); the
-- threads count who has finished in a scratch file named after wrk's pid.
local threads = {}

local function wrk_pid()
   local stat = io.open("/proc/self/stat")
   local pid = stat:read("*n")
   stat:close()
   return pid
end

local function finished()
   wrk.thread:stop()
   local file = io.open(finished_file, "a")
   file:write("x\n")
   file:close()
   local count = 0
   for _ in io.lines(finished_file) do
      count = count + 1
   end
   if count >= thread_count then
      -- Not os.execute: system() ignores SIGINT in the whole process while its child runs, so wrk would never see it.
      io.popen("kill -INT " .. pid):close()
   end
end

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   local all = {}
   for line in io.lines(args[1]) do
      all[#all + 1] = line
   end
   thread_count = tonumber(args[2])
   pid = wrk_pid()
   finished_file = "/tmp/wrk-keys-" .. pid .. ".finished"
   mine = {}
   for i = id + 1, #all, thread_count do
      mine[#mine + 1] = all[i]
   end
   reserved, sent, answered, ok = 0, 0, 0, 0
   if #mine == 0 then
      finished()
   end
end

function delay()
   if reserved >= #mine then
      return 3600000
   end
   reserved = reserved + 1
   return 0
end

function request()
   sent = sent + 1
   return wrk.format("GET", mine[sent])
end

function response(status, headers, body)
   answered = answered + 1
   if status == 200 then
      ok = ok + 1
   end
   if answered >= #mine then
      finished()
   end
end

function done(summary, latency, requests)
   os.remove("/tmp/wrk-keys-" .. wrk_pid() .. ".finished")
   local total, good = 0, 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("answered")
      good = good + thread:get("ok")
   end
   local wall = summary.duration / 1e6
   io.write(string.format(
      "requests=%d ok=%d other=%d wall_s=%.2f rps=%.0f p50_ms=%.1f p99_ms=%.1f mean_ms=%.1f max_ms=%.1f\n",
      total, good, total - good, wall, total / wall, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency.mean / 1000, latency.max / 1000))
end
