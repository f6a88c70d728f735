package io.opensop.runtime.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.textfield.BigDecimalField;
import io.opensop.designer.render.RenderContext;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.form.SelectOption;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Each field type's filter editor turns what is entered into engine filters, and shows saved ones again. */
class FieldFiltersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final FormDefinition FORM = FormJson.read("""
            {"key":"deal","label":{"en":"Deal"},
             "fields":[
               {"key":"share","type":"percent","label":{"en":"Share"}},
               {"key":"met_at","type":"datetime","label":{"en":"Met at"}},
               {"key":"closed_on","type":"date","label":{"en":"Closed on"}},
               {"key":"tags","type":"multi_select","label":{"en":"Tags"},
                "options":[{"key":"hot","label":{"en":"Hot"}},{"key":"vip","label":{"en":"VIP"}}]},
               {"key":"level","type":"single_select","label":{"en":"Level"},
                "options":[{"key":"a","label":{"en":"A"}},{"key":"b","label":{"en":"B"}}]}]}
            """);

    private final FieldFilters factory = new FieldFilters(RenderContext.of(Locale.ENGLISH, SHANGHAI));

    private FieldFilter editor(String key) {
        FieldDefinition field = FORM.field(key).orElseThrow();
        return factory.forField(field, key, () -> { }).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Component> List<T> parts(FieldFilter filter, Class<T> type) {
        return filter.getChildren().filter(type::isInstance).map(c -> (T) c).toList();
    }

    @Test
    void aPercentRangeIsTypedAsShownAndFilteredAsAFraction() {
        FieldFilter share = editor("share");
        List<BigDecimalField> range = parts(share, BigDecimalField.class);
        range.get(0).setValue(new BigDecimal("12.5"));

        assertThat(share.filters()).containsExactly(new RecordFilter("share", FilterOperator.GE, List.of("0.125")));
        FieldFilter again = editor("share");
        again.show(share.filters());
        assertThat(parts(again, BigDecimalField.class).get(0).getValue()).isEqualByComparingTo("12.5");
        assertThat(parts(again, BigDecimalField.class).get(1).getValue()).isNull();
    }

    @Test
    void aDateTimeRangeCoversWholeDaysInTheUsersZone() {
        FieldFilter met = editor("met_at");
        List<DatePicker> days = parts(met, DatePicker.class);
        days.get(0).setValue(LocalDate.of(2026, 3, 1));
        days.get(1).setValue(LocalDate.of(2026, 3, 31));

        assertThat(met.filters()).containsExactly(
                new RecordFilter("met_at", FilterOperator.GE, List.of("2026-03-01T00:00+08:00")),
                new RecordFilter("met_at", FilterOperator.LT, List.of("2026-04-01T00:00+08:00")));
        FieldFilter again = editor("met_at");
        again.show(met.filters());
        assertThat(parts(again, DatePicker.class)).extracting(DatePicker::getValue)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    }

    @Test
    void aDateRangeIncludesItsLastDay() {
        FieldFilter closed = editor("closed_on");
        parts(closed, DatePicker.class).get(1).setValue(LocalDate.of(2026, 6, 30));

        assertThat(closed.filters()).containsExactly(
                new RecordFilter("closed_on", FilterOperator.LE, List.of("2026-06-30")));
    }

    @Test
    void chosenOptionsAreAnyOfForASingleSelectAndAllOfForAMultiSelect() {
        FieldFilter level = editor("level");
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<SelectOption> levels = parts(level, MultiSelectComboBox.class).get(0);
        levels.setValue(FORM.field("level").orElseThrow().optionList());
        assertThat(level.filters()).containsExactly(new RecordFilter("level", FilterOperator.IN, List.of("a", "b")));

        FieldFilter tags = editor("tags");
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<SelectOption> chosen = parts(tags, MultiSelectComboBox.class).get(0);
        chosen.setValue(FORM.field("tags").orElseThrow().optionList());
        assertThat(tags.filters()).containsExactly(new RecordFilter("tags", FilterOperator.CONTAINS, List.of("hot")),
                new RecordFilter("tags", FilterOperator.CONTAINS, List.of("vip")));
        FieldFilter again = editor("tags");
        again.show(tags.filters());
        assertThat(again.filters()).isEqualTo(tags.filters());
    }

    @Test
    void nothingEnteredFiltersNothing() {
        assertThat(editor("share").filters()).isEmpty();
        assertThat(editor("met_at").filters()).isEmpty();
        assertThat(editor("tags").filters()).isEmpty();
    }
}
