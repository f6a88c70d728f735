package io.opensop.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.TableLayout;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schema reuse behind formula evaluation must never hand out a schema of another definition. */
class FormulaSupportSchemaCacheTest {

    private final Map<String, PublishedForm> published = new HashMap<>();
    private final FormulaSupport support = new FormulaSupport(new FormulaEngine(),
            key -> Optional.ofNullable(published.get(key)), null, Clock.systemUTC(), ZoneId.of("UTC"));

    @Test
    void the_same_definition_instance_reuses_its_schema() {
        FormDefinition bulk = RulesForms.bulk("amount * 2");
        FormulaSchema first = support.schema(bulk);
        assertThat(support.schema(bulk)).isSameAs(first);
        assertThat(support.evaluate(bulk, "amount * 2", FormulaType.MONEY, Map.of("amount", new java.math.BigDecimal("3"))))
                .isEqualTo(new java.math.BigDecimal("6"));
    }

    @Test
    void another_definition_of_the_same_form_gets_its_own_schema() {
        FormDefinition v1 = RulesForms.bulk("amount * 2");
        FormDefinition v2 = io.opensop.engine.testing.Forms.withField(v1,
                "{\"key\":\"extra\",\"type\":\"number\",\"label\":{\"en\":\"Extra\"}}");
        FormulaSchema s1 = support.schema(v1);
        FormulaSchema s2 = support.schema(v2);
        assertThat(s2).isNotSameAs(s1);
        assertThat(s2.fingerprint()).isNotEqualTo(s1.fingerprint());
        assertThat(support.engine().check("amount + extra", s2, null).ok()).isTrue();
        assertThat(support.engine().check("amount + extra", support.schema(v1), null).ok()).isFalse();
        // an equal but distinct instance is rebuilt, never confused with another definition
        FormDefinition v1Again = RulesForms.bulk("amount * 2");
        assertThat(support.schema(v1Again).fingerprint()).isEqualTo(s1.fingerprint());
    }

    @Test
    void forms_with_references_see_the_targets_current_version() {
        FormDefinition order = FormJson.read("""
                {"key":"order_x","app":"crm","label":{"en":"Order"},
                 "fields":[{"key":"customer","type":"reference","target":"cust_x","label":{"en":"Customer"}}]}
                """);
        published.put("cust_x", target("""
                {"key":"cust_x","app":"crm","label":{"en":"Customer"},
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"}}]}
                """, 1));
        assertThat(support.engine().check("customer.industry", support.schema(order), null).ok()).isFalse();
        published.put("cust_x", target("""
                {"key":"cust_x","app":"crm","label":{"en":"Customer"},
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"}},
                           {"key":"industry","type":"text","label":{"en":"Industry"}}]}
                """, 2));
        assertThat(support.engine().check("customer.industry", support.schema(order), null).ok()).isTrue();
    }

    private static PublishedForm target(String json, int version) {
        FormDefinition definition = FormJson.read(json);
        return new PublishedForm(definition, version, new TableLayout("rec_" + definition.key(), Map.of(), Map.of()));
    }
}
