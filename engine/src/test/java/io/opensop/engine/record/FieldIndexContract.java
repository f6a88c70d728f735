package io.opensop.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.testing.EngineContract;
import io.opensop.engine.testing.IndexCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code indexed} field option on every supported database: publishing creates the sort indexes
 * (read back from the database catalog through JDBC metadata), removing the option drops them, a
 * retype keeps them on the new column, and fields that cannot be indexed are refused by name.
 */
abstract class FieldIndexContract extends EngineContract {


    protected static FormDefinition opportunity(String amountAttributes, String regionAttributes) {
        return FormJson.read("""
                {"key":"opp","label":{"en":"Opportunity","zh-CN":"商机"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"maxLength":100},
                   {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"金额"}%s},
                   {"key":"region","type":"single_select","label":{"en":"Region"}%s,
                    "options":[{"key":"east","label":{"en":"East"}},{"key":"west","label":{"en":"West"}}]}
                 ]}
                """.formatted(amountAttributes, regionAttributes));
    }

    protected PublishResult publish(FormDefinition definition) {
        return harness.publish(definition);
    }

    private PublishResult preview(FormDefinition definition) {
        harness.saveDraft(definition);
        return engine.forms().publish(admin, definition.key(), true);
    }

    protected Map<String, List<String>> indexes(String table) {
        return IndexCatalog.indexes(dataSource, table);
    }

    protected Map<String, List<String>> indexesOn(String table, String column) {
        return IndexCatalog.indexesOn(dataSource, table, column);
    }

    private static List<String> kindsAndFields(PublishResult result) {
        return result.changes().stream()
                .filter(c -> c.kind() == SchemaChange.Kind.ADD_INDEX || c.kind() == SchemaChange.Kind.DROP_INDEX)
                .map(c -> c.kind() + ":" + c.fieldPath() + ":" + c.column()).toList();
    }

    @Test
    void publishingAnIndexedFieldCreatesOneSortIndexPerDirectionEndingInTheId() {
        FormDefinition indexed = opportunity(",\"indexed\":true", "");

        assertThat(kindsAndFields(preview(indexed))).containsExactly("ADD_INDEX:amount:c_amount");
        assertThat(indexes("rec_opp")).as("a dry run creates nothing").isEmpty();
        PublishResult published = engine.forms().publish(admin, "opp", false);

        assertThat(kindsAndFields(published)).containsExactly("ADD_INDEX:amount:c_amount");
        assertThat(indexesOn("rec_opp", "c_amount")).containsOnly(
                Map.entry(ColumnIndexes.name("rec_opp", "c_amount", ColumnIndexes.Kind.SORT_ASCENDING),
                        List.of("c_amount A", "id A")),
                Map.entry(ColumnIndexes.name("rec_opp", "c_amount", ColumnIndexes.Kind.SORT_DESCENDING),
                        List.of("c_amount D", "id A")));
        assertThat(indexesOn("rec_opp", "c_name")).as("fields without the option get none").isEmpty();
    }

    @Test
    void removingTheOptionDropsTheIndexesAndKeepsEveryValue() {
        publish(opportunity(",\"indexed\":true", ""));
        long id = engine.records().create(admin, "opp", Map.of("name", "Keep me", "amount", "120.50")).id();

        PublishResult removed = publish(opportunity("", ""));

        assertThat(kindsAndFields(removed)).containsExactly("DROP_INDEX:amount:c_amount");
        assertThat(indexesOn("rec_opp", "c_amount")).isEmpty();
        assertThat(engine.records().get(admin, "opp", id).values().get("amount")).isEqualTo(new BigDecimal("120.50"));
        assertThat(kindsAndFields(publish(opportunity(",\"indexed\":true", ""))))
                .as("and it can come back").containsExactly("ADD_INDEX:amount:c_amount");
        assertThat(indexesOn("rec_opp", "c_amount")).hasSize(2);
    }

    @Test
    void aRetypedIndexedFieldKeepsItsIndexesOnTheNewColumnAndTheRetiredColumnLosesThem() {
        publish(opportunity(",\"indexed\":true", ""));
        long id = engine.records().create(admin, "opp", Map.of("name", "Retyped", "amount", "99.99")).id();

        PublishResult retyped = publish(opportunity(",\"indexed\":true,\"precision\":20,\"scale\":4", ""));

        assertThat(kindsAndFields(retyped))
                .containsExactlyInAnyOrder("DROP_INDEX:amount:c_amount", "ADD_INDEX:amount:c_amount_2");
        assertThat(indexesOn("rec_opp", "c_amount_2").values())
                .containsExactlyInAnyOrder(List.of("c_amount_2 A", "id A"), List.of("c_amount_2 D", "id A"));
        assertThat(indexesOn("rec_opp", "c_amount")).isEmpty();
        assertThat(engine.records().get(admin, "opp", id).values().get("amount")).isEqualTo(new BigDecimal("99.9900"));
    }

    @Test
    void anIndexedSelectFieldTradesItsLookupIndexForTheSortIndexesAndGetsItBackWithoutTheOption() {
        publish(opportunity("", ""));
        String lookup = ColumnIndexes.name("rec_opp", "c_region", ColumnIndexes.Kind.LOOKUP);
        assertThat(indexesOn("rec_opp", "c_region")).containsOnlyKeys(lookup);

        publish(opportunity("", ",\"indexed\":true"));
        assertThat(indexesOn("rec_opp", "c_region")).as("the ascending sort index serves look-ups too")
                .containsOnlyKeys(ColumnIndexes.name("rec_opp", "c_region", ColumnIndexes.Kind.SORT_ASCENDING),
                        ColumnIndexes.name("rec_opp", "c_region", ColumnIndexes.Kind.SORT_DESCENDING));
        // an import keyed on it adds no look-up index next to the sort index that serves look-ups
        engine.forms().indexForLookups(engine.forms().current("opp").orElseThrow(), List.of("region"));
        assertThat(indexesOn("rec_opp", "c_region")).doesNotContainKey(lookup);

        publish(opportunity("", ""));
        assertThat(indexesOn("rec_opp", "c_region")).containsOnlyKeys(lookup);
    }

    @Test
    void aHiddenIndexedFieldLosesItsIndexesAndGetsThemBackWhenItReturns() {
        publish(opportunity(",\"indexed\":true", ""));
        FormDefinition withoutAmount = FormJson.read("""
                {"key":"opp","label":{"en":"Opportunity"},"fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"maxLength":100}]}
                """);

        assertThat(kindsAndFields(publish(withoutAmount))).containsExactly("DROP_INDEX:amount:c_amount");
        assertThat(indexesOn("rec_opp", "c_amount")).isEmpty();
        assertThat(kindsAndFields(publish(opportunity(",\"indexed\":true", ""))))
                .containsExactly("ADD_INDEX:amount:c_amount");
        assertThat(indexesOn("rec_opp", "c_amount")).hasSize(2);
    }

    @Test
    void fieldsThatCannotBeSortedAreRefusedNamingTheFieldAndNothingIsStored() {
        FormDefinition bad = FormJson.read("""
                {"key":"bad","label":{"en":"Bad"},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"maxLength":1000,"indexed":true},
                   {"key":"notes","type":"long_text","label":{"en":"Notes"},"indexed":true},
                   {"key":"lines","type":"sub_form","label":{"en":"Lines"},"indexed":true,"fields":[
                      {"key":"qty","type":"number","label":{"en":"Qty"},"indexed":true}]},
                   {"key":"files","type":"attachment","label":{"en":"Files"},"indexed":true},
                   {"key":"ok","type":"date","label":{"en":"Fine"},"indexed":true},
                   {"key":"off","type":"long_text","label":{"en":"Not asked"},"indexed":false}
                 ]}
                """);

        assertThatThrownBy(() -> engine.forms().create(admin, bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        Problem.of("$.fields[0].indexed", "indexed_text_too_long", "name", 500),
                        Problem.of("$.fields[1].indexed", "not_indexable", "notes", "long_text"),
                        Problem.of("$.fields[2].indexed", "not_indexable", "lines", "sub_form"),
                        Problem.of("$.fields[2].fields[0].indexed", "not_indexable_in_sub_form", "qty"),
                        Problem.of("$.fields[3].indexed", "not_indexable", "files", "attachment")));
        assertThat(engine.forms().exists("bad")).isFalse();
    }

    @Test
    void anIndexedFormulaFieldIndexesItsStoredResult() {
        FormDefinition withFormula = FormJson.read(FormJson.write(opportunity("", ""))
                .replaceFirst("\"fields\":\\[", "\"fields\":[{\"key\":\"weighted\",\"type\":\"formula\","
                        + "\"label\":{\"en\":\"Weighted\"},\"formula\":\"amount * 0.5\",\"resultType\":\"money\","
                        + "\"indexed\":true},"));

        publish(withFormula);

        assertThat(indexesOn("rec_opp", "c_weighted").values())
                .containsExactlyInAnyOrder(List.of("c_weighted A", "id A"), List.of("c_weighted D", "id A"));
    }
}
