-- Sets a period's counters from the recorded totals, unless they are there already (another node was faster).
-- KEYS: the period's counters, the in-flight set, the holds
-- ARGV: tenant key prefix, period, counters expire at (unix s), tenant tokens used,
--       then api key id / tokens used pairs
-- Returns 1 when this call set them, else 0.
local counters, inflight, holds = KEYS[1], KEYS[2], KEYS[3]
local tenant, period = ARGV[1], ARGV[2]

release_expired(tenant, inflight, holds, math.floor(now_micros() / 1000))
if redis.call('HEXISTS', counters, 'ready') == 1 then
  return 0
end

-- leftovers of settles after a flush are in the recorded totals or still in the outbox: start clean
redis.call('DEL', counters)
local fields = {'used', ARGV[4]}
for i = 5, #ARGV, 2 do
  fields[#fields + 1] = 'key:' .. ARGV[i] .. ':used'
  fields[#fields + 1] = ARGV[i + 1]
end
-- calls still in flight in this period keep their holds
local reserved, reserved_by_key = 0, {}
local live = redis.call('HVALS', holds)
for i = 1, #live do
  local estimate, hold_period, key = parse_hold(live[i])
  if hold_period == period then
    reserved = reserved + estimate
    if key ~= '' then
      reserved_by_key[key] = (reserved_by_key[key] or 0) + estimate
    end
  end
end
fields[#fields + 1] = 'reserved'
fields[#fields + 1] = int(reserved)
for key, estimate in pairs(reserved_by_key) do
  fields[#fields + 1] = 'key:' .. key .. ':reserved'
  fields[#fields + 1] = int(estimate)
end
fields[#fields + 1] = 'ready'
fields[#fields + 1] = '1'
redis.call('HSET', counters, unpack(fields))
redis.call('EXPIREAT', counters, ARGV[3])
return 1
