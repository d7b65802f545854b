#!/usr/bin/env bash
# Writes beside an ingestion flood, on the embedded default (SQLite, built-in broker), with clients we did not write:
# four mosquitto_pub publishers (QoS 1, one machine each) send as fast as the app acknowledges, while curl saves a
# member's start page (PUT /api/v1/account/start-page, a small SQLite write) every 100 ms. Prints the writes' latency
# idle and under the flood, and the flood's throughput until every message is stored.
#
#   tests/FactoryCloud.Benchmarks/scripts/writes-under-flood.sh [LABEL] [WEB_BIN_DIR] [MESSAGES_PER_PUBLISHER]
#
# WEB_BIN_DIR defaults to the Release build of src/FactoryCloud.Web (build it first); pass another build's directory to
# compare two versions in the same hour (alternate them: this machine's speed drifts). Needs mosquitto-clients and
# python3 (test.sh installs both), and curl (apt-get install curl where it is missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
label=${1:-run}
bin=${2:-$root/src/FactoryCloud.Web/bin/Release/net10.0}
per=${3:-90000}
work=$(mktemp -d)
http=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
mqtt=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
base=http://127.0.0.1:$http
app=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

(cd "$bin" && exec env DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production dotnet FactoryCloud.Web.dll \
  --Urls=$base --Mqtt:BindAddress=127.0.0.1 --Mqtt:Port=$mqtt \
  --Mqtt:Limits:PasswordChecksPerSecondPerAddress=100000 --Mqtt:Limits:MessagesPerSecondPerDevice=10000000 \
  "--ConnectionStrings:Sqlite=Data Source=$work/factorycloud.db" --App:PublicBaseUrl=http://127.0.0.1 \
  --RateLimits:ApiPerClient:PermitLimit=1000000 --Logging:LogLevel:Default=Warning > "$work/app.log" 2>&1) &
app=$!
for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/health/live" && break; sleep 1; done

json() { python3 -c "import sys,json;print(json.load(sys.stdin)$1)"; }
curl -fs -X POST "$base/api/v1/signup" -H 'content-type: application/json' -o /dev/null \
  -d '{"organization":"Flood Works","name":"Fay Flood","email":"fay@flood.test","password":"Factory-Cloud-2026"}'
token=$(curl -fs -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"fay@flood.test","password":"Factory-Cloud-2026"}' | json '["accessToken"]')
post() { curl -fs -X POST "$base/$1" -H "authorization: Bearer $token" -H 'content-type: application/json' ${2:+-d "$2"}; }
site=$(post api/v1/sites '{"key":"north","name":"Plant North","timeZone":"UTC","shifts":[]}' | json '["id"]')
area=$(post "api/v1/sites/$site/areas" '{"key":"assembly","name":"Assembly"}' | json '["id"]')
line=$(post "api/v1/areas/$area/lines" '{"key":"line-1","name":"Line 1"}' | json '["id"]')
for i in 1 2 3 4; do
  machine=$(post "api/v1/lines/$line/machines" "{\"key\":\"press-$i\",\"name\":\"Press $i\",\"idealCycleTimeSeconds\":1.0}" | json '["id"]')
  post "api/v1/machines/$machine/devices" > "$work/cred$i.json"
done

# Payloads in files of 30,000 lines: mosquitto_pub 2.0.11 -l stopped short of much larger files from stdin here.
python3 - "$work" "$per" <<'PY'
import datetime, sys
work, per = sys.argv[1], int(sys.argv[2])
start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
note = 'x' * 120
for i in range(1, 5):
    for k in range(0, per, 30000):
        with open(f'{work}/p{i}-{k:08d}.lines', 'w') as f:
            for n in range(k, min(k + 30000, per)):
                t = start + datetime.timedelta(milliseconds=n)
                f.write(f'{{"ts":"{t.strftime("%Y-%m-%dT%H:%M:%S.")}{t.microsecond // 1000:03d}Z","seq":{n + 1},"good":1,"scrap":0,"note":"{note}"}}\n')
PY

probe() { # SECONDS FILE
  local end=$((SECONDS + $1)) i=0 page
  while [ $SECONDS -lt "$end" ]; do
    if [ $((i % 2)) -eq 0 ]; then page=Plants; else page=Backlogs; fi; i=$((i + 1))
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X PUT "$base/api/v1/account/start-page" \
      -H "authorization: Bearer $token" -H 'content-type: application/json' -d "{\"startPage\":\"$page\"}" >> "$2"
    sleep 0.1
  done
}
stored() { python3 -c "import sqlite3;print(sqlite3.connect('file:$work/factorycloud.db?mode=ro',uri=True).execute('select count(*) from \"TelemetryEvents\"').fetchone()[0])"; }

probe 8 "$work/idle.txt"
t0=$(date +%s.%N)
pubs=()
for i in 1 2 3 4; do
  read -r client user password topic < <(python3 -c "import json;d=json.load(open('$work/cred$i.json'));print(d['clientId'],d['username'],d['password'],d['topicPrefix'][:-1]+'count')")
  (for f in "$work"/p$i-*.lines; do mosquitto_pub -h 127.0.0.1 -p "$mqtt" -q 1 -i "$client" -u "$user" -P "$password" -t "$topic" -l < "$f"; done) &
  pubs+=($!)
done
probe 20 "$work/flood.txt"
wait "${pubs[@]}"
total=$((per * 4))
until [ "$(stored)" -ge "$total" ]; do sleep 0.2; done
t1=$(date +%s.%N)

python3 - "$label" "$work" "$total" "$t0" "$t1" <<'PY'
import sys
label, work, total, t0, t1 = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
def summary(name):
    lines = [l.split() for l in open(f'{work}/{name}.txt')]
    ms = sorted(float(l[1]) * 1000 for l in lines)
    failed = sum(1 for l in lines if l[0] != '200')
    pick = lambda q: ms[min(len(ms) - 1, int(len(ms) * q))]
    return f'{len(ms)} writes, {failed} failed, p50 {pick(.5):.1f} ms, p95 {pick(.95):.1f} ms, p99 {pick(.99):.1f} ms, max {ms[-1]:.1f} ms'
print(f'{label}: idle:  {summary("idle")}')
print(f'{label}: flood: {summary("flood")}')
print(f'{label}: flood of {total} messages stored in {t1 - t0:.1f} s = {total / (t1 - t0):.0f} msg/s end to end')
PY
