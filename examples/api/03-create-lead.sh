#!/usr/bin/env bash
# A rep records a new lead; the server numbers it and computes its formula fields.
source "$(dirname "$0")/common.sh"

say "rep1 creates a lead"
lead=$(api_json rep1 POST /api/forms/lead/records \
  "{\"values\":{\"name\":\"张先生 $RUN\",\"company\":\"走查科技 $RUN\",\"phone\":\"13800000000\",\"source\":\"website\",\"valid\":true}}")
echo "$lead" | head -c 800; echo
id=$(echo "$lead" | json_value id)
echo "lead id: $id, number: $(echo "$lead" | json_value code)"

say "a lead whose first contact is before its receipt is refused, naming the field"
refused=$(curl -sS -u "rep1:$PASSWORD" -H 'Accept-Language: en' -H 'Content-Type: application/json' \
  -w '\nHTTP %{http_code}' "$BASE/api/forms/lead/records" \
  -d '{"values":{"name":"bad","received_at":"2026-03-02T10:00:00+08:00","first_contact_at":"2026-03-02T09:00:00+08:00"}}')
echo "$refused"
echo "$refused" | grep -q 'HTTP 422'
echo "$refused" | grep -q '"field":"first_contact_at"'
