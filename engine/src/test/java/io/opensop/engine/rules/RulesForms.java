package io.opensop.engine.rules;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;

/** A contract with a rebate, conditions, a rule and roll-ups over its payments, as a designer writes them. */
final class RulesForms {

    static final String REBATE = "IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)";

    private RulesForms() {
    }

    static FormDefinition contract() {
        return FormJson.read("""
                {"key":"contract","app":"crm","label":{"en":"Contract","zh-CN":"合同"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true},
                   {"key":"contract_no","type":"text","label":{"en":"Contract no."},"unique":true},
                   {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"合同金额"},"currency":"CNY"},
                   {"key":"payment_days","type":"number","label":{"en":"Payment days","zh-CN":"回款天数"},"scale":0},
                   {"key":"rebate","type":"formula","label":{"en":"Rebate"},"resultType":"money",
                    "formula":"IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)"},
                   {"key":"signed","type":"boolean","label":{"en":"Signed"}},
                   {"key":"discount","type":"percent","label":{"en":"Discount"},"readOnlyWhen":"signed"},
                   {"key":"reason","type":"text","label":{"en":"Reason"},"requiredWhen":"amount > 100000"},
                   {"key":"board_note","type":"text","label":{"en":"Board note"},"required":true,
                    "visibleWhen":"amount > 1000000"},
                   {"key":"paid_total","type":"rollup","label":{"en":"Paid"},"resultType":"money",
                    "rollup":{"form":"payment","reference":"contract","aggregate":"SUM","field":"amount",
                              "filter":"status = \\"paid\\""}},
                   {"key":"payment_count","type":"rollup","label":{"en":"Payments"},"resultType":"number",
                    "scale":0,"rollup":{"form":"payment","reference":"contract","aggregate":"COUNT"}},
                   {"key":"fee_total","type":"rollup","label":{"en":"Fees"},"resultType":"money",
                    "rollup":{"form":"payment","reference":"contract","aggregate":"SUM","field":"fee"}},
                   {"key":"outstanding","type":"formula","label":{"en":"Outstanding"},"resultType":"money",
                    "formula":"amount - paid_total"}
                 ],
                 "rules":[
                   {"key":"payment_terms","expression":"payment_days <= 90","fields":["payment_days"],
                    "message":{"en":"Payment terms may not exceed 90 days","zh-CN":"回款天数不能超过 90 天"}}
                 ]}
                """);
    }

    static FormDefinition payment() {
        return FormJson.read("""
                {"key":"payment","app":"crm","label":{"en":"Payment","zh-CN":"回款"},
                 "fields":[
                   {"key":"contract","type":"reference","target":"contract","label":{"en":"Contract"}},
                   {"key":"amount","type":"money","label":{"en":"Amount"}},
                   {"key":"status","type":"single_select","label":{"en":"Status"},
                    "options":[{"key":"paid","label":{"en":"Paid"}},{"key":"pending","label":{"en":"Pending"}}]},
                   {"key":"fee","type":"formula","label":{"en":"Fee"},"resultType":"money","formula":"amount * 1%"}
                 ]}
                """);
    }

    /** A plain form for many rows: its formula is what a later version changes. */
    static FormDefinition bulk(String formula) {
        return FormJson.read("""
                {"key":"bulk","app":"crm","label":{"en":"Bulk"},
                 "fields":[
                   {"key":"amount","type":"money","label":{"en":"Amount"}},
                   {"key":"bonus","type":"formula","label":{"en":"Bonus"},"resultType":"money","formula":"%s"}
                 ]}
                """.formatted(formula));
    }
}
