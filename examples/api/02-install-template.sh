#!/usr/bin/env bash
# List the shipped templates and install sales-crm; installing the same version again changes nothing.
source "$(dirname "$0")/common.sh"

say "templates"
api admin "$BASE/api/templates" | grep -o '"id":"[^"]*"\|"version":"[^"]*"' | paste - - | head

say "install sales-crm (idempotent)"
result=$(api_json admin POST /api/templates/sales-crm/install)
echo "$result" | head -c 600; echo
echo "$result" | grep -q '"changes":\[\]' && echo "already installed: nothing changed" || echo "installed"
