#!/usr/bin/env bash
# ratio.sh ROUNDS JAR...: the engine's marginal lines per CPU-second (1M and 5M-line logs) against squidGuard's lines
# per CPU-second on the same 1M log and 13 UT1 categories, runs interleaved round by round so that a slow spell of
# the machine hits all alike; the lowest CPU (user + system) of each is kept. Needs, from ../shared/bench/peers.sh
# run once with 1000000 lines into /tmp/steward-peers: squidGuard.conf, its compiled lists and squidguard.in; and
# /tmp/eng/access-1m.log, /tmp/eng/access-5m.log from ../shared/bench/gen_squidlog.py.
set -euo pipefail
rounds=$1; shift
cats=gambling,games,audio-video,redirector,social_networks,warez,malware,phishing,shopping,webmail,filehosting,chat,dating
ut1=${UT1:-$(cd "$(dirname "$0")/../../../shared/data/ut1" && pwd)}
peers=/tmp/steward-peers
cpu() { /usr/bin/time -f "%U %S" -o /tmp/eng/ratio.time "$@" >/dev/null 2>&1; awk '{print $1 + $2}' /tmp/eng/ratio.time; }
declare -A best all
keep() { local b=${best[$1]:-999999}; best[$1]=$(awk -v a="$2" -v b="$b" 'BEGIN{print (a < b) ? a : b}'); all[$1]+=" $2"; }
median() { tr ' ' '\n' <<<"${all[$1]}" | grep . | sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
for r in $(seq "$rounds"); do
  keep squidGuard "$(cpu sh -c "squidGuard -c $peers/squidGuard.conf < $peers/squidguard.in > $peers/squidguard.out")"
  for size in 1m 5m; do
    for jar in "$@"; do
      keep "$jar $size" "$(cpu java -jar "$jar" analyze --threads 2 --only "$cats" --categories "$ut1" \
          --out /tmp/eng/ratio /tmp/eng/access-$size.log)"
    done
  done
  echo "round $r: squidGuard ${best[squidGuard]}; ${best[*]}" >&2
done
sg=$(awk -v c="${best[squidGuard]}" 'BEGIN{printf "%.0f", 1000000 / c}')
echo "squidGuard: ${best[squidGuard]} s CPU for 1,000,000 lines: $sg lines per CPU-second"
sgm=$(awk -v c="$(median squidGuard)" 'BEGIN{printf "%.0f", 1000000 / c}')
echo "squidGuard, medians: $(median squidGuard) s CPU: $sgm lines per CPU-second"
for jar in "$@"; do
  a=${best[$jar 1m]}; b=${best[$jar 5m]}
  awk -v j="$jar" -v a="$a" -v b="$b" -v sg="$sg" 'BEGIN{m = 4000000 / (b - a);
      printf "%s: 1M %.2f s, 5M %.2f s CPU; marginal %.0f lines per CPU-second, %.1f x squidGuard\n", j, a, b, m, m / sg}'
  a=$(median "$jar 1m"); b=$(median "$jar 5m")
  awk -v j="$jar" -v a="$a" -v b="$b" -v sg="$sgm" 'BEGIN{m = 4000000 / (b - a);
      printf "%s, medians: 1M %.2f s, 5M %.2f s CPU; marginal %.0f lines per CPU-second, %.1f x squidGuard\n", j, a, b, m, m / sg}'
done
