-- wrk -t2 -c50 -d5s -s bench/wrk/distinct-eql.lua http://127.0.0.1:PORT/query
-- POST /query for eql with a different ip-src each time (no two queries coalesce, as MISP sends them).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"module":"eql","ip-src":"10.0.' .. (n % 250) .. '.' .. (math.floor(n / 250) % 250) .. '","event_id":"12","attribute_uuid":"5f1c0a2e-0000-4000-8000-000000000001"}')
end
