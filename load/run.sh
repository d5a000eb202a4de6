#!/usr/bin/env bash
# The first morning of the school year, measured with Gatling (docs/benchmarks.md, "The first morning").
#
#   load/run.sh                  builds Steward, then for each run: starts it on a fresh embedded PostgreSQL under
#                                load/target/runs/ with the demo district made larger (2,000 staff, 6,000 devices),
#                                waits until the demo has loaded, runs the simulation with a flight recording of the
#                                server, stops Steward, and prints what the server spent per request
#   RUNS="think throughput"      which runs, in order: "think" (people pause as people do), "throughput" (no pauses),
#                                "alone" (one person, one page after another: each page's time for one person)
#   USERS=100 MINUTES=10         concurrent virtual users; the longest a run lasts (it ends when all have signed)
#   STAFF=2000 DEVICES=6000      the district's size
#   STEWARD_JAR=path/to.jar      benchmark that build instead of building this checkout (before/after comparisons)
#   PORT=18480                   the port Steward listens on while it is measured
#   SIGN_IN=password             "password": everyone signs in with a password Steward checks with bcrypt (cost 10,
#                                about 100 ms of CPU a sign-in); "sso": the same password hashed at bcrypt's lowest cost,
#                                standing in for a district signing in through its identity provider, where Steward
#                                checks no password (the figures of such a run say "as with single sign-on")
#
# Only loopback is ever sent to. Gatling's reports are in load/target/gatling/, the recordings, server logs and
# per-run figures in load/target/runs/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-think throughput}
users=${USERS:-100}
minutes=${MINUTES:-10}
staff=${STAFF:-2000}
devices=${DEVICES:-6000}
port=${PORT:-18480}
case ${SIGN_IN:-password} in
  password) cheap=false; suffix="" ;;
  sso) cheap=true; suffix="-sso" ;;
  *) echo "SIGN_IN is password or sso, not $SIGN_IN"; exit 2 ;;
esac
tick=$(getconf CLK_TCK)

if [ -z "${STEWARD_JAR:-}" ]; then
  echo "== building Steward and the simulation"
  ./mvnw -q -DskipTests -pl app -am package
  jar=$(ls app/target/steward-app-*.jar | grep -v plain | head -n 1)
else
  jar=$STEWARD_JAR
fi
./mvnw -q -pl load test-compile
loadcp="load/target/test-classes"

app=""
stop() {
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then
    kill "$app"; wait "$app" 2>/dev/null || true
  fi
  app=""
}
trap stop EXIT

# CPU seconds so far of the JVM, and of the PostgreSQL server it started (the postmaster and its backends)
jvm_cpu() { awk -v t="$tick" '{printf "%.2f", ($14 + $15) / t}' /proc/"$1"/stat; }
pg_cpu() {
  local pm total=0
  pm=$(head -n 1 "$2/postgres/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for p in "$pm" $(pgrep -P "$pm"); do
    [ -r /proc/$p/stat ] && total=$(awk -v t="$tick" -v s="$total" '{printf "%.2f", s + ($14 + $15) / t}' /proc/$p/stat)
  done
  echo "$total"
}

for run in $runs; do
  simulation=FirstMorning
  case $run in
    think) think=true ;;
    throughput) think=false ;;
    alone) think=false; simulation=Alone ;;
    *) echo "RUNS names think, throughput and alone, not $run"; exit 2 ;;
  esac
  dir="$root/load/target/runs/$(date +%Y%m%d-%H%M%S)-$run$suffix"
  mkdir -p "$dir"
  echo "== $run: Steward from $jar on port $port, data in $dir"
  (cd "$dir" && exec env STEWARD_DEMO_ENABLED=true STEWARD_DEMO_STAFF="$staff" STEWARD_DEMO_DEVICES="$devices" \
      STEWARD_DEMO_ACCOUNTS_FILE="$dir/accounts.csv" STEWARD_DEMO_CHEAP_PASSWORD_HASH="$cheap" STEWARD_DB_DATA_DIR="$dir/data" \
      STEWARD_ACTIVITY_DIR="$dir/data/activity" STEWARD_ACTIVITY_SYSLOG=false PORT="$port" \
      STEWARD_BASE_URL="http://localhost:$port" \
      java -XX:FlightRecorderOptions:stackdepth=256 -jar "$jar" >"$dir/steward.log" 2>&1) &
  app=$!
  for _ in $(seq 1 600); do
    [ -s "$dir/accounts.csv" ] && curl -fsS -o /dev/null "http://localhost:$port/login" && break
    kill -0 "$app" 2>/dev/null || { tail -n 50 "$dir/steward.log"; echo "Steward stopped while loading"; exit 1; }
    sleep 1
  done
  [ -s "$dir/accounts.csv" ] || { echo "the demo did not load in 10 minutes"; exit 1; }
  grep -h "Loaded the demo district" "$dir/steward.log" | sed 's/.*DemoDistrict *: //'
  # a flight recording of the morning alone (-XX:StartFlightRecording would also record the demo's loading)
  jcmd "$app" JFR.start name=morning settings=profile filename="$dir/morning.jfr" >/dev/null
  jvm0=$(jvm_cpu "$app"); pg0=$(pg_cpu "$app" "$dir/data"); t0=$(date +%s.%N)
  ./mvnw -q -pl load gatling:test -Dgatling.simulationClass=org.steward.load.$simulation \
      -Dsteward.url="http://localhost:$port" -Dsteward.accounts="$dir/accounts.csv" -Dthink="$think" \
      -Dusers="$users" -Dminutes="$minutes" -Dgatling.failOnAssertions=false 2>&1 | tee "$dir/gatling.log" \
      | grep -E "signed after|^Signed:|^Steward at|Reports generated|^> (request count|mean|response time 95|mean throughput)" || true
  t1=$(date +%s.%N); jvm1=$(jvm_cpu "$app"); pg1=$(pg_cpu "$app" "$dir/data")
  jcmd "$app" JFR.stop name=morning >/dev/null
  stop
  requests=$(grep -m1 "> request count" "$dir/gatling.log" | awk -F'|' '{gsub(/[ ,]/, "", $2); print $2}')
  report=$(grep -o "load/target/gatling/[^/]*" "$dir/gatling.log" | tail -n 1)
  java -cp "$loadcp" org.steward.load.GatlingFigures "$report" | tee "$dir/figures.md"
  java -cp "$loadcp" org.steward.load.ServerCost "$dir/morning.jfr" "${requests:-0}" "$jvm0" "$jvm1" "$pg0" "$pg1" \
      "$t0" "$t1" | tee "$dir/cost.txt"
done
