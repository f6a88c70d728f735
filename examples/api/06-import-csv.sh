#!/usr/bin/env bash
# Import leads from a CSV: upload, commit the valid rows, read the result and the rows that failed.
source "$(dirname "$0")/common.sh"

csv=$(mktemp --suffix=.csv)
trap 'rm -f "$csv"' EXIT
cat > "$csv" <<CSV
联系人,公司,电话,线索来源
王五 $RUN,导入公司A $RUN,13900000001,website
赵六 $RUN,导入公司B $RUN,13900000002,referral
,没有联系人 $RUN,13900000003,ads
CSV

say "upload"
job=$(api rep1 -F "file=@$csv;type=text/csv" "$BASE/api/forms/lead/imports")
id=$(echo "$job" | json_value id)
echo "import $id: columns $(echo "$job" | grep -o '"columns":\[[^]]*\]')"

say "commit the valid rows"
api_json rep1 POST "/api/forms/lead/imports/$id/commit" '{"mode":"valid_rows_only"}' >/dev/null
for _ in $(seq 1 100); do  # the import runs in the background: wait for it, at most ~20 s
  job=$(api rep1 "$BASE/api/forms/lead/imports/$id")
  [ "$(echo "$job" | json_value running)" = false ] && [ "$(echo "$job" | json_value status)" != uploaded ] && break
  sleep 0.2
done
echo "status: $(echo "$job" | json_value status), created: $(echo "$job" | json_value rowsCreated), failed: $(echo "$job" | json_value rowsFailed)"
[ "$(echo "$job" | json_value rowsCreated)" = 2 ]
[ "$(echo "$job" | json_value rowsFailed)" = 1 ]
