package redisstore

import "github.com/redis/go-redis/v9"

// takeScript decides one request. KEYS[1] is the client's hash; ARGV[1] the
// cost; then for each policy its name, token interval and tolerance in
// microseconds. It returns {admitted, debt1, wait1, debt2, wait2, …} in
// whole microseconds, rounded up. Nothing is written unless every policy
// admits the request.
var takeScript = redis.NewScript(`
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local cost = tonumber(ARGV[1])
local n = (#ARGV - 1) / 3
local fields = {}
for i = 1, n do fields[i] = ARGV[3 * i - 1] end
local tats = redis.call('HMGET', KEYS[1], unpack(fields))
local out = {0}
local nexts = {}
local admitted = true
local ttl = 0
for i = 1, n do
  local interval = tonumber(ARGV[3 * i])
  local tolerance = tonumber(ARGV[3 * i + 1])
  local tat = tonumber(tats[i]) or now
  if tat < now then tat = now end
  local nxt = tat + cost * interval
  local over = nxt - now - tolerance
  nexts[i] = nxt
  if over > 0 then
    admitted = false
    out[2 * i] = math.ceil(tat - now)
    out[2 * i + 1] = math.ceil(over)
  else
    out[2 * i] = math.ceil(nxt - now)
    out[2 * i + 1] = 0
    if nxt - now > ttl then ttl = nxt - now end
  end
end
if admitted then
  out[1] = 1
  if ttl > 0 then
    local args = {}
    for i = 1, n do
      args[2 * i - 1] = fields[i]
      args[2 * i] = string.format('%.3f', nexts[i])
    end
    redis.call('HSET', KEYS[1], unpack(args))
    redis.call('PEXPIRE', KEYS[1], math.ceil(ttl / 1000) + 1)
  end
else
  for i = 1, n do
    if out[2 * i + 1] == 0 then
      local tat = tonumber(tats[i]) or now
      if tat < now then tat = now end
      out[2 * i] = math.ceil(tat - now)
    end
  end
end
return out
`)
