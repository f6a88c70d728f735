#!/usr/bin/env bash
# Shared by the walkthroughs: where the demo app runs and how to call it.
#   OPENSOP_URL       the app (default http://localhost:8080, the README's run command)
#   OPENSOP_PASSWORD  the demo password (default demo)
set -euo pipefail
BASE="${OPENSOP_URL:-http://localhost:8080}"
PASSWORD="${OPENSOP_PASSWORD:-demo}"
# A suffix that makes the names each run creates unique, so the scripts can run again and again.
RUN="${OPENSOP_RUN:-$(date +%s)$RANDOM}"

# api <user> <curl arguments…>: HTTP Basic as <user>; fails (exit 22) on any 4xx/5xx, printing the body.
api() {
  local user="$1"
  shift
  curl -sS --fail-with-body -u "$user:$PASSWORD" -H 'Accept-Language: en' "$@"
}

# api_json <user> <method> <path> [json body]
api_json() {
  local user="$1" method="$2" path="$3" body="${4:-}"
  if [ -n "$body" ]; then
    api "$user" -X "$method" -H 'Content-Type: application/json' "$BASE$path" -d "$body"
  else
    api "$user" -X "$method" "$BASE$path"
  fi
}

# json_value <key>: the first "key": value in the JSON on stdin (numbers and strings; no jq needed).
json_value() {
  grep -o "\"$1\" *: *\(\"[^\"]*\"\|[^,}]*\)" | head -1 | sed -e 's/^"[^"]*" *: *//' -e 's/^"//' -e 's/"$//'
}

say() {
  printf '\n== %s\n' "$*"
}
