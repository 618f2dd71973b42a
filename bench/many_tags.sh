#!/usr/bin/env bash
# Measures check, build and serve on a site made by gen_many_tags.py; the README's "Many tags"
# figures come from it.
#
#   bench/many_tags.sh SITE_DIR [PORT]
#
# Prints, from /usr/bin/time -v, the wall time, CPU time (user + system) and peak RSS of check and
# build, the build's output size and index.html size; then starts serve and prints the time until
# /healthz first answers, the CPU time the server had used by then and its RSS at that moment.
# CPU time is the figure to compare on a shared machine, where wall time depends on the load.
# FEEDWRIGHT_JAR picks another jar (as for bin/feedwright).
set -euo pipefail

site="$1"
port="${2:-18931}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

field() {
  awk -F': ' -v name="$2" '$1 ~ name {print $2}' "$1"
}

timed() {
  local name="$1"
  shift
  /usr/bin/time -v "$@" >"$out/$name.out" 2>"$out/$name.time" || true
  printf '%-6s exit %s, wall %s, CPU %.1f s, peak RSS %s KiB\n' "$name" \
    "$(field "$out/$name.time" 'Exit status')" "$(field "$out/$name.time" 'Elapsed \\(wall clock\\)')" \
    "$(echo "$(field "$out/$name.time" 'User time') + $(field "$out/$name.time" 'System time')" | bc)" \
    "$(field "$out/$name.time" 'Maximum resident set size')"
}

timed check "$root/bin/feedwright" check --site "$site"
tail -n 1 "$out/check.out"
timed build "$root/bin/feedwright" build --site "$site" --out "$out/public"
printf 'build output: %s files, %s; index.html %s bytes, feeds.opml %s bytes\n' \
  "$(find "$out/public" -type f | wc -l)" "$(du -sh "$out/public" | cut -f1)" \
  "$(stat -c %s "$out/public/index.html")" "$(stat -c %s "$out/public/feeds.opml")"
rm -rf "$out/public"

started=$(date +%s.%N)
"$root/bin/feedwright" serve --site "$site" --port "$port" --no-watch >"$out/serve.log" 2>&1 &
pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "serve exited:" && cat "$out/serve.log" && exit 1
  fi
  sleep 0.1
done
ready=$(date +%s.%N)
# utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (the command name has no spaces).
ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
printf 'serve  ready after %.1f s, CPU %.1f s, RSS %s KiB\n' "$(echo "$ready - $started" | bc)" \
  "$(echo "$ticks / $(getconf CLK_TCK)" | bc -l)" "$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
kill "$pid"
wait "$pid" || true
