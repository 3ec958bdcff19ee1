-- wrk script: sends pre-signed requests from REQUESTS_FILE, each once. Thread k of n sends lines k, k+n, k+2n…, so no two
-- threads send the same signed request (a copy would be refused as a replay). KIND is slack or discord.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("WRK_THREADS") or "2")
  local kind = os.getenv("KIND") or "slack"
  local path, tsHeader, sigHeader, contentType
  if kind == "slack" then
    path, tsHeader, sigHeader, contentType = os.getenv("REQUEST_PATH") or "/slack/commands", "X-Slack-Request-Timestamp", "X-Slack-Signature", "application/x-www-form-urlencoded"
  else
    path, tsHeader, sigHeader, contentType = os.getenv("REQUEST_PATH") or "/discord/interactions", "X-Signature-Timestamp", "X-Signature-Ed25519", "application/json"
  end
  requests = {}
  local i = 0
  for line in io.lines(os.getenv("REQUESTS_FILE")) do
    if i % n == id then
      local ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", path, { [tsHeader] = ts, [sigHeader] = sig, ["Content-Type"] = contentType }, body)
    end
    i = i + 1
  end
  next_index = 1
end

function request()
  local r = requests[next_index]
  if r == nil then
    -- Out of signed requests: repeat the last one; the server refuses it, and wrk counts the non-2xx answers.
    return requests[#requests]
  end
  next_index = next_index + 1
  return r
end
