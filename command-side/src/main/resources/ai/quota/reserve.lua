-- Admits one call or changes nothing (expired holds aside).
-- KEYS: the period's counters, the in-flight set, the holds, the rate state (GCRA: theoretical arrival time, µs)
-- ARGV: tenant key prefix, period, request id, api key id ('' none), estimate, tenant budget, key budget ('' none),
--       max concurrent, requests per minute, hold ttl (ms)
-- Returns {status, tokens used, tokens reserved, rate-limit wait (ms), Redis's now (ms)}.
local counters, inflight, holds, rate = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local tenant, period, request, key = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local estimate, budget, key_budget = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local max_concurrent, per_minute, ttl = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])

local now = now_micros()
local now_ms = math.floor(now / 1000)
release_expired(tenant, inflight, holds, now_ms)

if redis.call('HEXISTS', counters, 'ready') == 0 then
  return {'COUNTERS_MISSING', 0, 0, 0, now_ms}
end
local key_used, key_reserved = 'key:' .. key .. ':used', 'key:' .. key .. ':reserved'
local state = redis.call('HMGET', counters, 'used', 'reserved', key_used, key_reserved)
local used, reserved = tonumber(state[1]) or 0, tonumber(state[2]) or 0

-- the same request twice (a retried call) must not hold its tokens twice
if redis.call('HEXISTS', holds, request) == 1 then
  return {'RESERVED', used, reserved, 0, now_ms}
end

local function refuse(status, wait_ms)
  return {status, used, reserved, wait_ms, now_ms}
end
if used + reserved + estimate > budget then
  return refuse('TOKEN_BUDGET_EXHAUSTED', 0)
end
if key_budget and (tonumber(state[3]) or 0) + (tonumber(state[4]) or 0) + estimate > key_budget then
  return refuse('API_KEY_BUDGET_EXHAUSTED', 0)
end
if redis.call('ZCARD', inflight) >= max_concurrent then
  return refuse('TOO_MANY_CONCURRENT_REQUESTS', 0)
end
-- GCRA: one call every 'interval' µs, up to a minute's worth at once
local minute = 60000000
local interval = math.floor(minute / per_minute)
local arrival = math.max(tonumber(redis.call('GET', rate)) or now, now) + interval
if arrival - now > minute then
  return refuse('RATE_LIMITED', math.ceil((arrival - now - minute) / 1000))
end

redis.call('ZADD', inflight, int(now_ms + ttl), request)
redis.call('HSET', holds, request, ARGV[5] .. '|' .. period .. '|' .. key)
redis.call('HINCRBY', counters, 'reserved', ARGV[5])
if key ~= '' then
  redis.call('HINCRBY', counters, key_reserved, ARGV[5])
end
redis.call('SET', rate, int(arrival), 'PX', int(math.ceil((arrival - now) / 1000)))
return {'RESERVED', used, reserved + estimate, 0, now_ms}
