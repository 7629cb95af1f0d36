-- Up to max outbox entries for one consumer without waiting: its own unacknowledged entries, then entries other
-- consumers left unacknowledged for longer than min-idle, then new ones. The consumer group is created on first
-- use (and again after a flush), from the stream's start so entries added before it are not skipped.
-- KEYS: the outbox stream
-- ARGV: group, consumer, max, min idle (ms)
-- Returns {id, {field, value, ...}, id, {...}, ...}.
local outbox, group, consumer, max, min_idle = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]

redis.pcall('XGROUP', 'CREATE', outbox, group, '0', 'MKSTREAM')

local taken, count, seen = {}, 0, {}
local function take(entries)
  for _, entry in ipairs(entries) do
    -- an entry deleted while pending comes without fields; XAUTOCLAIM may hand back our own pending ones again
    if type(entry) == 'table' and type(entry[2]) == 'table' and not seen[entry[1]] then
      seen[entry[1]] = true
      taken[#taken + 1] = entry[1]
      taken[#taken + 1] = entry[2]
      count = count + 1
    end
  end
end
local function read(from)
  local reply = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', max - count, 'STREAMS', outbox, from)
  if reply then
    take(reply[1][2])
  end
end

read('0')
local cursor = '0-0'
while count < max do
  local claimed = redis.call('XAUTOCLAIM', outbox, group, consumer, min_idle, cursor, 'COUNT', max - count)
  take(claimed[2])
  cursor = claimed[1]
  if cursor == '0-0' then
    break
  end
end
if count < max then
  read('>')
end
return taken
