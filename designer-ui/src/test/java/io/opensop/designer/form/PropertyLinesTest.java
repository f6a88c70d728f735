package io.opensop.designer.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class PropertyLinesTest {

    @Test
    void subFormColumnsRoundTripAndKeepAttributesTheLinesDoNotShow() {
        var previous = PropertyLines.columns("price | money | Price | 单价", JsonNodeFactory.instance.arrayNode());
        ((com.fasterxml.jackson.databind.node.ObjectNode) previous.get(0)).put("currency", "USD");
        var columns = PropertyLines.columns("price | money | Unit price | 单价\n\nqty | number | Qty", previous);
        assertThat(columns).hasSize(2);
        assertThat(columns.get(0).path("currency").asText()).isEqualTo("USD");
        assertThat(columns.get(0).path("label").path("en").asText()).isEqualTo("Unit price");
        assertThat(columns.get(1).path("label").has("zh-CN")).isFalse();
        assertThat(PropertyLines.columnsText(columns)).isEqualTo("price | money | Unit price | 单价\nqty | number | Qty | ");
    }

    @Test
    void anOptionWithoutALabelStaysWithoutOneSoTheValidatorCanSaySo() {
        var options = PropertyLines.options("vip\nnormal | Normal");
        assertThat(options.get(0).has("label")).isFalse();
        assertThat(options.get(1).path("label").path("en").asText()).isEqualTo("Normal");
    }
}
