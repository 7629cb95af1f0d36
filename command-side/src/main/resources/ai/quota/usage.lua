-- A period's counters, after releasing expired holds.
-- KEYS: the period's counters, the in-flight set, the holds
-- ARGV: tenant key prefix
-- Returns {ready (1 or 0), tokens used, tokens reserved, calls in flight}.
local counters, inflight, holds = KEYS[1], KEYS[2], KEYS[3]

release_expired(ARGV[1], inflight, holds, math.floor(now_micros() / 1000))
local state = redis.call('HMGET', counters, 'ready', 'used', 'reserved')
return {state[1] and 1 or 0, tonumber(state[2]) or 0, tonumber(state[3]) or 0, redis.call('ZCARD', inflight)}
