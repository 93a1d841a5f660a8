#!/usr/bin/env bash
# Start-up of the real kiosk (issue 19, part 3): from exec to its first frame and to the forum's home, on a
# private Xvfb screen, read from its --report file (written after every frame; polled every 10 ms, so the
# figures are 10-20 ms late at most). A benchmark, not a test: compare runs of one sitting only.
#
#   [KIOSK=BINARY] bash bench/startup.sh [RUNS] [SNAPSHOT...]     default: 3 runs of the demo and of the synthetic forums
#                                                   in $FRAMES_CACHE (bench/frames.sh makes them)
#
# Prints one line per run: what the first frame showed ("home" or "loading": the loading view of a snapshot
# not open 100 ms after the window is up) and when, and when home was on screen.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
kiosk=${KIOSK:-$root/build/app/forum-kiosk}  # KIOSK=FILE: another build, to compare two in one sitting
cache=${FRAMES_CACHE:-/tmp/forum-frames}
runs=${1:-3}
shift || true
snapshots=("$@")
[ ${#snapshots[@]} -gt 0 ] || snapshots=(demo "$cache"/synth-5k.snapshot "$cache"/synth-20k.snapshot)
[ -x "$kiosk" ] || { echo "startup.sh: build first (cmake --build build)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
now() { date +%s.%N; }
for snap in "${snapshots[@]}"; do
  [ "$snap" = demo ] || [ -f "$snap" ] || { echo "$snap: missing (bash bench/frames.sh makes the synthetic ones)"; continue; }
  for run in $(seq 1 "$runs"); do
    Xvfb :91 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    report=$work/report
    rm -f "$report"
    args=(--windowed 1920x1080 --report "$report")
    [ "$snap" = demo ] || args+=(--snapshot "$snap")
    t0=$(now)
    DISPLAY=:91 "$kiosk" "${args[@]}" >"$work/log" 2>&1 &
    pid=$!
    first="" first_s="" home_s=""
    for _ in $(seq 1 6000); do  # 60 s at most
      if [ -f "$report" ]; then
        t=$(now)
        if [ -z "$first" ]; then
          first=$(grep -q "^overlay loading" "$report" && echo loading || sed -n 's/^screen //p' "$report")
          first_s=$(awk -v a="$t" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')
        fi
        if ! grep -q "^overlay loading" "$report" && grep -q "^screen home" "$report"; then home_s=$(awk -v a="$t" -v b="$t0" 'BEGIN { printf "%.3f", a - b }'); break; fi
      fi
      sleep 0.01
    done
    echo "$(basename "$snap") run $run: first frame ($first) ${first_s:-?} s, home ${home_s:-not reached} s"
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null
  done
done
