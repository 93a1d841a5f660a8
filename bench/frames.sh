#!/usr/bin/env bash
# Frame times of the real kiosk under real X input, beside Dear ImGui's bare GLFW example at the same size,
# in one run (issue 19). A benchmark, not a test: these machines are shared and noisy, so compare only the
# figures of one run.
#
#   [KIOSK=BINARY] bash bench/frames.sh [--write] [--quick | --swap]
#
# For the demo and for synthetic forums of 5,000 and 20,000 exhibitors (`kiosk-snapshot synth`, cached in
# $FRAMES_CACHE, default /tmp/forum-frames: the 20,000 one takes a minute to make), it starts
# build/app/forum-kiosk on a private Xvfb screen (1920x1080) with --frame-log, drags a finger (xdotool: the
# X server's pointer, the path a touchscreen's emulated pointer takes) over the map, the exhibitor list and
# the schedule, and reads the log: per frame the kiosk's own work (from the end of the wait for input to the
# end of ImGui::Render) and the whole frame (to the buffer swap). Then:
#   - the bare example at 1920x1080, redrawing back to back, timed between its swaps (bench/swap_probe.c);
#   - a swap: a second 20,000-exhibitor snapshot dropped into the inbox of a kiosk showing the first one
#     while a finger drags the map; the frames from the drop to the new snapshot on screen;
#   - first paint and PSS of the demo kiosk against the peers (../shared/bench/peers.sh), and first paint
#     at 20,000 exhibitors (../shared/bench/measure.sh).
# Prints a Markdown table; --write also puts it into docs/PERFORMANCE.md between the frames.sh markers.
# --quick: the demo and 5,000 only, no swap, no peers (a minute). --swap: the bare example and the swap only.
# KIOSK=BINARY: another build of the kiosk, to compare two in one sitting. FRAMES_KEEP=DIR: the swap's frame
# log and the kiosk's output are kept there (swap.log, swap.out), to see which frames were the longest.
# Needs: xvfb xdotool x11-apps python3 libimgui-dev libglfw3-dev libstb-dev libfreetype-dev (.ci/deps).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
kiosk=${KIOSK:-$root/build/app/forum-kiosk}
tool=$root/build/db/kiosk-snapshot
shared=${SHARED_BENCH:-$root/../shared/bench}
cache=${FRAMES_CACHE:-/tmp/forum-frames}
write=0 quick=0 swap_only=0
for a in "$@"; do
  case $a in --write) write=1 ;; --quick) quick=1 ;; --swap) swap_only=1 ;; *) echo "usage: frames.sh [--write] [--quick | --swap]" >&2; exit 2 ;; esac
done
[ $write = 1 ] && [ $swap_only = 1 ] && { echo "frames.sh: --write takes the whole table, not --swap's row" >&2; exit 2; }
[ -x "$kiosk" ] && [ -x "$tool" ] || { echo "frames.sh: build first (cmake --build build)" >&2; exit 1; }
mkdir -p "$cache"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

# The peers' floor: Debian's example, opened at the kiosk's size, and the swap timer.
ex=/usr/share/doc/libimgui-dev/examples/example_glfw_opengl3/main.cpp
gcc -O2 -shared -fPIC -o "$work/swap_probe.so" "$root/bench/swap_probe.c" -ldl || exit 1
sed 's/glfwCreateWindow(1280, 720/glfwCreateWindow(1920, 1080/' $ex > "$work/bare.cpp"
g++ -O2 -o "$work/imgui-bare" "$work/bare.cpp" $(pkg-config --cflags imgui glfw3) -I/usr/include/imgui/backends \
    -limgui $(pkg-config --libs stb glfw3) -lGL -lfreetype -ldl || exit 1

snap() {  # snap NAME EXHIBITORS SESSIONS [VERSION]: a cached synthetic snapshot's path
  local f=$cache/$1.snapshot
  [ -s "$f" ] || "$tool" synth -o "$f" --exhibitors "$2" --sessions "$3" ${4:+--content-version $4} >&2 || exit 1
  echo "$f"
}
demo=$root/build/demo.snapshot
s5k=$(snap synth-5k 5000 2000)
[ $quick = 1 ] || s20k=$(snap synth-20k 20000 10000 1000) s20k_b=$(snap synth-20k-b 20000 10000 2000)

disp=:$((500 + RANDOM % 400))
Xvfb "$disp" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$disp

drag() {  # drag X Y DX DY: a finger down at X,Y, moved by DX,DY over 40 steps of 16 ms, lifted
  local x=$1 y=$2 n=40
  xdotool mousemove "$x" "$y"; sleep 0.05; xdotool mousedown 1
  for i in $(seq 1 $n); do xdotool mousemove $((x + $3 * i / n)) $((y + $4 * i / n)); sleep 0.016; done
  xdotool mouseup 1; sleep 0.3
}
gestures() {  # the drags of one screen
  case $1 in
    map) drag 900 500 -400 -250; drag 500 300 500 300; drag 1200 700 -300 100; drag 700 600 200 -300 ;;
    *) for _ in 1 2; do drag 960 800 0 -550; drag 960 250 0 550; done ;;
  esac
}
# stats LOG FROM_LINE: "median p99 max" of the own and whole frame times after FROM_LINE, and the count.
stats() {
  python3 - "$1" "$2" <<'EOF'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.startswith("frame ")][int(sys.argv[2]):]
def q(v, p): v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))]
own = [float(r[3]) for r in rows]; whole = [float(r[4]) for r in rows]
if not rows: print("- - - - - - 0"); sys.exit()
print("%.1f %.1f %.1f %.1f %.1f %.1f %d" % (statistics.median(own), q(own, .99), max(own),
      statistics.median(whole), q(whole, .99), max(whole), len(rows)))
EOF
}
settled() {  # settled LOG: waits until the log stops growing (the kiosk at rest), prints its line count
  local n=-1 m
  for _ in $(seq 1 100); do
    m=$(grep -c '^frame ' "$1" 2>/dev/null || echo 0)
    [ "$m" = "$n" ] && [ "$m" -gt 0 ] && { echo "$m"; return; }
    n=$m; sleep 0.5
  done
  echo "$n"
}

rows=()
bare_log=$work/bare.log
(cd "$work" && SWAP_PROBE_LOG=$bare_log LD_PRELOAD=$work/swap_probe.so exec "$work/imgui-bare" >/dev/null 2>&1) &  # in $work: it writes imgui.ini
bp=$!; sleep 6; kill $bp; wait $bp 2>/dev/null
bare=$(python3 -c "
import sys, statistics
v = sorted(float(l.split()[2]) for l in open('$bare_log'))[5:]
print('%.1f %.1f %.1f %d' % (statistics.median(v), v[int(.99 * len(v))], max(v), len(v)))")
read -r bare_med bare_p99 bare_max bare_n <<<"$bare"
rows+=("| imgui-bare (Debian's example, 1920x1080) | back to back | | | | $bare_med | $bare_p99 | $bare_max | $bare_n |")

sets=("demo:$demo" "5,000 exhibitors, 2,000 sessions:$s5k")
[ $quick = 1 ] || sets+=("20,000 exhibitors, 10,000 sessions:$s20k")
[ $swap_only = 0 ] || sets=()
for set in "${sets[@]}"; do
  name=${set%%:*} file=${set#*:}
  for screen in map exhibitors schedule; do
    log=$work/$screen.log; rm -f "$log"
    "$kiosk" --snapshot "$file" --windowed 1920x1080 --now 2022-09-28T11:00 --screen $screen --lang en \
      --frame-log "$log" >"$work/kiosk.out" 2>&1 &
    kp=$!
    from=$(settled "$log")
    gestures $screen
    settled "$log" >/dev/null
    kill $kp; wait $kp 2>/dev/null
    read -r om op ox fm fp fx n <<<"$(stats "$log" "$from")"
    rows+=("| $name | $screen, dragging | $om | $op | $ox | $fm | $fp | $fx | $n |")
  done
done

swap_row=""
if [ $quick = 0 ]; then
  data=$work/data inbox=$work/inbox log=$work/swap.log
  mkdir -p "$data" "$inbox"
  printf 'data_dir = "%s"\ninbox = ["%s"]\nallow_unsigned = true\nsettle_s = 0\n' "$data" "$inbox" > "$work/kiosk.toml"
  cp "$s20k" "$inbox/first.snapshot"
  "$kiosk" --config "$work/kiosk.toml" --windowed 1920x1080 --now 2022-09-28T11:00 --screen map --lang en \
    --frame-log "$log" >"$work/swap.out" 2>&1 &
  kp=$!
  for _ in $(seq 1 120); do grep -q "content version 1000\|forum-v1000" "$work/swap.out" "$data/status.json" 2>/dev/null && break; sleep 0.5; done
  from=$(settled "$log")
  cp "$s20k_b" "$inbox/.second.tmp" && mv "$inbox/.second.tmp" "$inbox/second.snapshot"
  for _ in $(seq 1 6); do drag 900 500 -300 -200; drag 600 300 300 200; done
  settled "$log" >/dev/null
  kill $kp; wait $kp 2>/dev/null
  [ -n "${FRAMES_KEEP:-}" ] && mkdir -p "$FRAMES_KEEP" && cp "$log" "$work/swap.out" "$FRAMES_KEEP/"
  read -r om op ox fm fp fx n <<<"$(stats "$log" "$from")"
  shown=$(grep -c "forum-v2000\|version 2000" "$work/swap.out" "$data/status.json" 2>/dev/null | awk -F: '{s+=$2} END {print s}')
  swap_row="| 20,000 exhibitors | map, dragging while a 20,000-exhibitor snapshot installs and swaps in (shown: $([ "${shown:-0}" -gt 0 ] && echo yes || echo NO)) | $om | $op | $ox | $fm | $fp | $fx | $n |"
  rows+=("$swap_row")
fi

table="Frame times in ms, \`bash bench/frames.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores, Xvfb 1920x1080
(own: the kiosk's work, input to the end of ImGui::Render; frame: to the buffer swap):

| snapshot | what | own median | own p99 | own max | frame median | frame p99 | frame max | frames |
|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do table+=$'\n'"$r"; done

if [ $quick = 0 ] && [ $swap_only = 0 ]; then
  kill $xvfb 2>/dev/null
  peers=$(bash "$shared/peers.sh" -- "$kiosk" --windowed 1920x1080 2>/dev/null | grep first_paint)
  big=$(bash "$shared/measure.sh" kiosk-20000 -- "$kiosk" --snapshot "$s20k" --windowed 1920x1080 2>/dev/null | grep first_paint)
  table+=$'\n\n'"First paint and memory (\`../shared/bench/peers.sh -- forum-kiosk --windowed 1920x1080\`, and
\`measure.sh\` on the 20,000-exhibitor snapshot), the same run:"$'\n\n```\n'"$peers"$'\n'"$big"$'\n```'
fi

echo "$table"
if [ $write = 1 ]; then
  python3 - "$root/docs/PERFORMANCE.md" "$table" <<'EOF'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
begin, end = "<!-- frames.sh begin -->", "<!-- frames.sh end -->"
block = begin + "\n" + table + "\n" + end
if begin in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text += "\n" + block + "\n"
open(path, "w").write(text)
EOF
  echo "written into docs/PERFORMANCE.md" >&2
fi
