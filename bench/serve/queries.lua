-- wrk: each request searches one of these (words and phrases met in
-- SaudiNewsNet and ANT titles), percent-encoded once at start.
local queries = {
  "السعودية", "ولي العهد", "مجلس الوزراء", "\"الأمم المتحدة\"", "النفط", "الرياض",
  "وزير الخارجية", "ترامب", "إيران", "الاتحاد الأوروبي", "كرة القدم", "الهلال",
  "أسعار النفط", "سوريا -روسيا", "\"مجلس الأمن\"", "الانتخابات", "اليمن", "مصر",
  "البنك المركزي", "كورونا",
}
local paths = {}

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local limit = args[1] or "20"
  for i, q in ipairs(queries) do
    paths[i] = "/api/search?q=" .. encode(q) .. "&limit=" .. limit
  end
end

local n = 0
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
