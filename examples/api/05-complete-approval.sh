#!/usr/bin/env bash
# A contract through its approval: rep1 submits, the manager approves, legal checks the milestones, finance approves.
source "$(dirname "$0")/common.sh"

task_of() { # task_of <user> <activity id>: the id of that user's open task at that step
  api "$1" "$BASE/api/tasks" | grep -o "{[^{}]*\"activityId\":\"$2\"[^{}]*}" | head -1 | json_value id
}

say "rep1 writes a contract"
customer=$(api_json rep1 POST /api/forms/customer/records "{\"values\":{\"name\":\"审批客户 $RUN\",\
\"customer_type\":\"enterprise\",\"industry\":\"it\",\"region\":\"east\",\"budget_range\":\"100k_500k\",\
\"decision_role\":\"decision_maker\",\"source\":\"referral\",\"key_contact_phone\":\"+86 21 5555 0001\"}}" | json_value id)
contract=$(api_json rep1 POST /api/forms/contract/records "{\"values\":{\"title\":\"走查合同 $RUN\",\
\"customer\":$customer,\"contract_amount\":60000,\"payment_term_days\":30,\
\"promised_payment_date\":\"2026-12-31\",\"milestone_payment_date\":\"2026-12-31\"}}" | json_value id)
echo "contract $contract"

say "start the approval and submit"
instance=$(api_json rep1 POST /api/processes/contract_approval/start "{\"formKey\":\"contract\",\"recordId\":$contract}" \
  | json_value processInstanceId)
echo "process instance $instance"
version=$(api rep1 "$BASE/api/forms/contract/records/$contract" | json_value version)
api_json rep1 POST "/api/tasks/$(task_of rep1 submit)/complete" "{\"version\":$version,\"values\":{}}" >/dev/null

say "the manager approves"
api_json manager POST "/api/tasks/$(task_of manager manager)/approve" '{"comment":"同意 OK"}' >/dev/null
say "legal checks the payment milestones"
version=$(api legal "$BASE/api/forms/contract/records/$contract" | json_value version)
api_json legal POST "/api/tasks/$(task_of legal legal)/complete" "{\"version\":$version,\"values\":{}}" >/dev/null
say "finance approves"
api_json finance POST "/api/tasks/$(task_of finance finance)/approve" '{"comment":"回款节点已核对"}' >/dev/null

say "the approval history"
history=$(api rep1 "$BASE/api/processes/instances/$instance/approvals")
echo "$history" | grep -o '"kind":"[^"]*"\|"by":"[^"]*"\|"comment":"[^"]*"' | paste - - - 2>/dev/null || echo "$history"
echo "$history" | grep -q '"by":"finance"'
echo "approved"
