package io.opensop.designer.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.designer.form.DefinitionDiff.Change;
import io.opensop.designer.form.DefinitionDiff.Kind;
import io.opensop.engine.form.FormJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionDiffTest {

    @Test
    void fieldsAndRulesAreComparedByKeyAttributeByAttribute() {
        var before = FormJson.read("""
                {"key":"deal","label":{"en":"Deal"},"fields":[
                  {"key":"name","type":"text","label":{"en":"Name"}},
                  {"key":"amount","type":"money","label":{"en":"Amount"}},
                  {"key":"old","type":"text","label":{"en":"Old"}}]}""");
        var after = FormJson.read("""
                {"key":"deal","label":{"en":"Deal","zh-CN":"商机"},"fields":[
                  {"key":"name","type":"text","label":{"en":"Name"}},
                  {"key":"amount","type":"number","label":{"en":"Amount"},"required":true},
                  {"key":"fresh","type":"date","label":{"en":"Fresh"}}],
                 "rules":[{"key":"r","expression":"TRUE","message":{"en":"m"}}]}""");
        assertThat(DefinitionDiff.between(before, after)).containsExactly(
                new Change(Kind.CHANGED, "form", "deal", List.of("label")),
                new Change(Kind.CHANGED, "field", "amount", List.of("type", "required")),
                new Change(Kind.REMOVED, "field", "old", List.of()),
                new Change(Kind.ADDED, "field", "fresh", List.of()),
                new Change(Kind.ADDED, "rule", "r", List.of()));
        assertThat(DefinitionDiff.between(after, after)).isEmpty();
    }
}
