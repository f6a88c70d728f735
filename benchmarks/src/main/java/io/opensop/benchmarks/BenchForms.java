package io.opensop.benchmarks;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;

/** The forms the benchmarks use, written as the JSON a designer would send. */
final class BenchForms {

    static final String REBATE = "IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)";

    /** A realistic formula for compile timing: nested IFs, AND, a percent literal, ROUND, a text comparison. */
    static final String REALISTIC = "IF(AND(amount >= 50000, payment_days <= 30), ROUND(amount * 0.8%, 2),"
            + " IF(region = \"east\" && NOT(ISBLANK(signed_on)), ROUND(amount * 0.5%, 2), 0))";

    static final String[] REGIONS = {"east", "north", "south", "west"};

    private BenchForms() {
    }

    /**
     * A deal: 9 input fields, 10 formula fields (depending on each other), 5 always-on rules, role
     * permissions for sales reps. Used by the save and list benchmarks.
     */
    static FormDefinition deal() {
        return deal(false);
    }

    /** The deal with {@code "indexed": true} on {@code amount} when asked: publishing it builds the sort indexes. */
    static FormDefinition deal(boolean amountIndexed) {
        FormDefinition deal = FormJson.read("""
                {"key":"bench_deal","app":"bench","label":{"en":"Deal","zh-CN":"商机"},"titleField":"name",
                 "permissions":{"create":["sales_rep"],"read":["sales_rep"],"update":["sales_rep"]},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true,"maxLength":100},
                   {"key":"region","type":"single_select","label":{"en":"Region"},"options":[
                      {"key":"east","label":{"en":"East"}},{"key":"north","label":{"en":"North"}},
                      {"key":"south","label":{"en":"South"}},{"key":"west","label":{"en":"West"}}]},
                   {"key":"amount","type":"money","label":{"en":"Amount"},"currency":"CNY"},
                   {"key":"payment_days","type":"number","label":{"en":"Payment days"},"scale":0},
                   {"key":"quantity","type":"number","label":{"en":"Quantity"},"scale":0},
                   {"key":"unit_price","type":"money","label":{"en":"Unit price"}},
                   {"key":"discount","type":"percent","label":{"en":"Discount"}},
                   {"key":"signed_on","type":"date","label":{"en":"Signed on"}},
                   {"key":"note","type":"text","label":{"en":"Note"}},
                   {"key":"rebate","type":"formula","label":{"en":"Rebate"},"resultType":"money",
                    "formula":"IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)"},
                   {"key":"subtotal","type":"formula","label":{"en":"Subtotal"},"resultType":"money",
                    "formula":"quantity * unit_price"},
                   {"key":"net","type":"formula","label":{"en":"Net"},"resultType":"money",
                    "formula":"subtotal * (1 - discount)"},
                   {"key":"tax","type":"formula","label":{"en":"Tax"},"resultType":"money",
                    "formula":"ROUND(net * 13%, 2)"},
                   {"key":"total","type":"formula","label":{"en":"Total"},"resultType":"money",
                    "formula":"net + tax"},
                   {"key":"commission","type":"formula","label":{"en":"Commission"},"resultType":"money",
                    "formula":"IF(region = \\"east\\", amount * 2%, amount * 1.5%)"},
                   {"key":"due_on","type":"formula","label":{"en":"Due on"},"resultType":"date",
                    "formula":"ADDDAYS(signed_on, payment_days)"},
                   {"key":"size_band","type":"formula","label":{"en":"Size band"},"resultType":"text",
                    "formula":"IFS(amount >= 100000, \\"A\\", amount >= 50000, \\"B\\", TRUE, \\"C\\")"},
                   {"key":"title","type":"formula","label":{"en":"Title"},"resultType":"text",
                    "formula":"CONCAT(name, \\" / \\", size_band)"},
                   {"key":"margin","type":"formula","label":{"en":"Margin"},"resultType":"number","scale":4,
                    "formula":"IF(total > 0, (total - tax - rebate) / total, 0)"}
                 ],
                 "rules":[
                   {"key":"payment_terms","expression":"payment_days <= 90","fields":["payment_days"],
                    "message":{"en":"Payment terms may not exceed 90 days"}},
                   {"key":"amount_positive","expression":"amount >= 0","fields":["amount"],
                    "message":{"en":"Amount may not be negative"}},
                   {"key":"discount_cap","expression":"OR(ISBLANK(discount), discount <= 50%)","fields":["discount"],
                    "message":{"en":"Discount at most 50%"}},
                   {"key":"quantity_min","expression":"quantity >= 1","fields":["quantity"],
                    "message":{"en":"At least one unit"}},
                   {"key":"total_positive","expression":"total >= 0","fields":[],
                    "message":{"en":"Total may not be negative"}}
                 ]}
                """);
        if (!amountIndexed) {
            return deal;
        }
        com.fasterxml.jackson.databind.node.ObjectNode tree = FormJson.toTree(deal);
        tree.get("fields").forEach(field -> {
            if (field.get("key").asText().equals("amount")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) field).put("indexed", true);
            }
        });
        return FormJson.read(tree);
    }

    /**
     * A plain form with 5 formula fields for bulk recompute. {@code taxRate} is what a later version
     * changes (13% and 9% alternate, so every row with a subtotal changes each time).
     */
    static FormDefinition recompute(String taxRate) {
        return FormJson.read("""
                {"key":"bench_rc","app":"bench","label":{"en":"Recompute"},
                 "fields":[
                   {"key":"region","type":"single_select","label":{"en":"Region"},"options":[
                      {"key":"east","label":{"en":"East"}},{"key":"north","label":{"en":"North"}},
                      {"key":"south","label":{"en":"South"}},{"key":"west","label":{"en":"West"}}]},
                   {"key":"amount","type":"money","label":{"en":"Amount"}},
                   {"key":"payment_days","type":"number","label":{"en":"Payment days"},"scale":0},
                   {"key":"quantity","type":"number","label":{"en":"Quantity"},"scale":0},
                   {"key":"unit_price","type":"money","label":{"en":"Unit price"}},
                   {"key":"rebate","type":"formula","label":{"en":"Rebate"},"resultType":"money",
                    "formula":"IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)"},
                   {"key":"subtotal","type":"formula","label":{"en":"Subtotal"},"resultType":"money",
                    "formula":"quantity * unit_price"},
                   {"key":"tax","type":"formula","label":{"en":"Tax"},"resultType":"money",
                    "formula":"ROUND(subtotal * %s, 2)"},
                   {"key":"total","type":"formula","label":{"en":"Total"},"resultType":"money",
                    "formula":"subtotal + tax"},
                   {"key":"commission","type":"formula","label":{"en":"Commission"},"resultType":"money",
                    "formula":"IF(region = \\"east\\", amount * 2%%, amount * 1.5%%)"}
                 ]}
                """.formatted(taxRate));
    }
}
