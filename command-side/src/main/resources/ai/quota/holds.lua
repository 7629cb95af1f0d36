-- Shared by the quota scripts (put in front of each): the clock and the holds of calls in flight.
-- A hold is a member of the tenant's in-flight set (score: expiry, ms since the epoch) plus its data
-- '<estimate>|<period>|<api key id or empty>' in the tenant's holds hash. While it lives, its estimate counts in
-- 'reserved' of its period's counters (and in 'key:<id>:reserved' of its key).

-- Redis's clock, not the calling node's: the gateway nodes' clocks may disagree.
local function now_micros()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2])
end

-- Numbers go to commands as plain integers: newer Redis versions (shortest-form conversion) pass large round Lua
-- numbers as 1e+08, which HINCRBY refuses; 6.2 and 7.0 use %.17g and hide the problem.
local function int(n)
  return string.format('%.0f', n)
end

local function parse_hold(hold)
  local estimate, period, key = string.match(hold, '^(%d+)|([^|]*)|(.*)$')
  return tonumber(estimate), period, key
end

-- Releases one hold; its estimate leaves 'reserved' unless its period's counters are gone (flushed, expired:
-- a rebuild recounts the live holds). Returns 1 when there was a hold, else 0.
local function release(tenant, inflight, holds, request)
  local hold = redis.call('HGET', holds, request)
  if not hold then
    return 0
  end
  local estimate, period, key = parse_hold(hold)
  local counters = tenant .. period
  if redis.call('HEXISTS', counters, 'ready') == 1 then
    redis.call('HINCRBY', counters, 'reserved', int(-estimate))
    if key ~= '' then
      redis.call('HINCRBY', counters, 'key:' .. key .. ':reserved', int(-estimate))
    end
  end
  redis.call('HDEL', holds, request)
  redis.call('ZREM', inflight, request)
  return 1
end

-- Holds nobody settled or refunded in time (their node crashed) give their tokens back.
local function release_expired(tenant, inflight, holds, now_ms)
  local expired = redis.call('ZRANGEBYSCORE', inflight, '-inf', int(now_ms))
  for i = 1, #expired do
    release(tenant, inflight, holds, expired[i])
  end
end
