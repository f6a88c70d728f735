package io.opensop.engine.formula;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.LocalizedText;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A contract form with one field of every kind, and a customer form it references. */
final class TestForms {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2024-05-15, a Wednesday, 10:00 in Shanghai. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-15T02:00:00Z"), SHANGHAI);

    private TestForms() {
    }

    static FieldDefinition field(String key, FieldType type, String en, String zh) {
        return new FieldDefinition(key, type, LocalizedText.of(en, zh), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    static FieldDefinition reference(String key, String target, String en, String zh) {
        return new FieldDefinition(key, FieldType.REFERENCE, LocalizedText.of(en, zh), null, null, null, null, null,
                null, null, null, target, null, null, null, null, null, null, null);
    }

    static FieldDefinition subForm(String key, String en, String zh, FieldDefinition... columns) {
        return new FieldDefinition(key, FieldType.SUB_FORM, LocalizedText.of(en, zh), null, null, null, null, null,
                null, null, null, null, List.of(columns), null, null, null, null, null, null);
    }

    static FieldDefinition formula(String key, FieldType resultType, String formula) {
        return new FieldDefinition(key, FieldType.FORMULA, LocalizedText.of(key, null), null, null, null, null, null,
                null, null, null, null, null, null, null, formula, resultType, null, null);
    }

    static FormDefinition form(String key, FieldDefinition... fields) {
        return new FormDefinition(key, "sales", LocalizedText.of(key, null), null, null, List.of(fields), null, null,
                null, null, null);
    }

    static FormDefinition customer() {
        return form("customer",
                field("industry", FieldType.SINGLE_SELECT, "Industry", "行业"),
                field("credit_limit", FieldType.MONEY, "Credit limit", "信用额度"),
                reference("parent", "customer", "Parent", "上级客户"));
    }

    static FormDefinition contract() {
        return form("contract",
                field("amount", FieldType.MONEY, "Contract amount", "合同金额"),
                field("payment_days", FieldType.NUMBER, "Payment days", "回款天数"),
                field("rate", FieldType.PERCENT, "Rate", "费率"),
                field("name", FieldType.TEXT, "Name", "名称"),
                field("note", FieldType.LONG_TEXT, "Note", "备注"),
                field("signed", FieldType.BOOLEAN, "Signed", "已签约"),
                field("sign_date", FieldType.DATE, "Sign date", "签约日期"),
                field("due_date", FieldType.DATE, "Due date", "到期日"),
                field("updated", FieldType.DATETIME, "Updated", "更新时间"),
                field("tags", FieldType.MULTI_SELECT, "Tags", "标签"),
                field("owner", FieldType.USER, "Owner", "负责人"),
                field("files", FieldType.ATTACHMENT, "Files", "附件"),
                field("code", FieldType.AUTO_NUMBER, "Code", "编号"),
                reference("customer", "customer", "Customer", "客户"),
                subForm("lines", "Lines", "明细",
                        field("product", FieldType.TEXT, "Product", "产品"),
                        field("qty", FieldType.NUMBER, "Quantity", "数量"),
                        field("amount", FieldType.MONEY, "Line amount", "行金额"),
                        field("options", FieldType.MULTI_SELECT, "Options", "选项")),
                formula("rebate", FieldType.MONEY, "IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)"),
                field("dup_a", FieldType.TEXT, "Duplicate", "重复"),
                field("dup_b", FieldType.TEXT, "Duplicate", "重复"));
    }

    static FormulaSchema schema() {
        FormDefinition customer = customer();
        return FormulaSchema.of(contract(), key -> key.equals("customer") ? Optional.of(customer) : Optional.empty());
    }

    static FormulaContext context() {
        return FormulaContext.of(SHANGHAI).withClock(CLOCK);
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static Map<String, Object> values(Object... keyValues) {
        java.util.HashMap<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
