#!/usr/bin/env bash
# Move an opportunity along the pipeline 需求确认 → 方案演示; the quote stage's gates are checked by the server.
source "$(dirname "$0")/common.sh"

say "rep1 creates a customer and an opportunity"
customer=$(api_json rep1 POST /api/forms/customer/records "{\"values\":{\"name\":\"走查客户 $RUN\",\
\"customer_type\":\"smb\",\"industry\":\"retail\",\"region\":\"east\",\"budget_range\":\"lt100k\",\
\"decision_role\":\"decision_maker\",\"source\":\"website\",\"key_contact_phone\":\"+86 21 5555 0000\"}}" | json_value id)
deal=$(api_json rep1 POST /api/forms/opportunity/records \
  "{\"values\":{\"name\":\"走查商机 $RUN\",\"customer\":$customer,\"amount\":80000}}")
id=$(echo "$deal" | json_value id)
echo "opportunity $id in stage $(echo "$deal" | json_value stage)"

say "move it to the solution demo"
moved=$(api_json rep1 POST "/api/forms/opportunity/records/$id/stage" '{"version":1,"stage":"demo"}')
echo "stage: $(echo "$moved" | json_value stage), version: $(echo "$moved" | json_value version)"
echo "$moved" | grep -q '"stage":"demo"'

say "the quotation stage needs the needs-assessment report and the signature page"
refused=$(curl -sS -u "rep1:$PASSWORD" -H 'Accept-Language: en' -H 'Content-Type: application/json' \
  -w '\nHTTP %{http_code}' "$BASE/api/forms/opportunity/records/$id/stage" -d '{"version":2,"stage":"quote"}')
echo "$refused"
echo "$refused" | grep -q '"code":"gate_unmet"'
