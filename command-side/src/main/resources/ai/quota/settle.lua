-- Releases the hold (if it still lives), counts the actual tokens and puts the call in the usage outbox.
-- KEYS: the period's counters, the in-flight set, the holds, the outbox stream
-- ARGV: tenant key prefix, request id, api key id ('' none), actual tokens, counters expire at (unix s),
--       then the outbox entry's field/value pairs
-- Returns 1 when the hold was still there, 0 when it had expired.
local counters, inflight, holds, outbox = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local tenant, request, key, tokens = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local released = release(tenant, inflight, holds, request)
redis.call('HINCRBY', counters, 'used', tokens)
if key ~= '' then
  redis.call('HINCRBY', counters, 'key:' .. key .. ':used', tokens)
end
redis.call('EXPIREAT', counters, ARGV[5])
redis.call('XADD', outbox, '*', unpack(ARGV, 6))
return released
