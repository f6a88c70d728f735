#!/usr/bin/env bash
# Sign in with HTTP Basic (scripts) and see which forms you may use; a wrong password is a JSON 401.
source "$(dirname "$0")/common.sh"

say "rep1 lists the forms they may read"
forms=$(api rep1 "$BASE/api/forms")
echo "$forms" | grep -q '"key":"lead"'
echo "rep1 may use the lead form"

say "a wrong password is refused"
status=$(curl -sS -o /dev/null -w '%{http_code}' -u rep1:wrong "$BASE/api/forms")
echo "HTTP $status"
[ "$status" = 401 ]
echo "signed in: ok"
