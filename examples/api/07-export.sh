#!/usr/bin/env bash
# Export: a manager downloads the team's leads as CSV; an admin exports the whole CRM app as a template package.
source "$(dirname "$0")/common.sh"

say "leads as CSV (first lines)"
api manager "$BASE/api/forms/lead/export.csv" | head -3

say "the crm app as a package (zip)"
zip=$(mktemp --suffix=.zip)
trap 'rm -f "$zip"' EXIT
api admin -o "$zip" "$BASE/api/apps/crm/export"
bytes=$(wc -c < "$zip")
echo "package: $bytes bytes, starts with $(head -c 2 "$zip")"
[ "$(head -c 2 "$zip")" = PK ]
