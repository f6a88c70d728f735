package io.opensop.designer.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The renderer without a browser: components by type, exact values, problems on the right field. */
class FormRendererTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static final FormDefinition EVERY_TYPE = FormJson.read("""
            {"key":"deal","label":{"en":"Deal","zh-CN":"商机"},
             "fields":[
               {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"},"required":true,
                "help":{"en":"<b>bold?</b> no"}},
               {"key":"notes","type":"long_text","label":{"en":"Notes"}},
               {"key":"qty","type":"number","label":{"en":"Quantity"},"scale":0},
               {"key":"amount","type":"money","label":{"en":"Amount"},"currency":"CNY"},
               {"key":"discount","type":"percent","label":{"en":"Discount"}},
               {"key":"close_on","type":"date","label":{"en":"Close on"}},
               {"key":"met_at","type":"datetime","label":{"en":"Met at"}},
               {"key":"won","type":"boolean","label":{"en":"Won"}},
               {"key":"stage_pick","type":"single_select","label":{"en":"Stage"},
                "options":[{"key":"lead","label":{"en":"Lead","zh-CN":"线索"}},
                           {"key":"won","label":{"en":"Won","zh-CN":"赢单"}}]},
               {"key":"tags","type":"multi_select","label":{"en":"Tags"},
                "options":[{"key":"a","label":{"en":"A"}},{"key":"b","label":{"en":"B"}}]},
               {"key":"owner_user","type":"user","label":{"en":"Owner"}},
               {"key":"customer","type":"reference","label":{"en":"Customer"},"target":"customer"},
               {"key":"lines","type":"sub_form","label":{"en":"Lines"},
                "fields":[{"key":"product","type":"text","label":{"en":"Product"},"required":true},
                          {"key":"price","type":"money","label":{"en":"Price"},"currency":"CNY"}]},
               {"key":"files","type":"attachment","label":{"en":"Files"}},
               {"key":"sign","type":"signature","label":{"en":"Signature"}},
               {"key":"code","type":"auto_number","label":{"en":"No."},"pattern":"D-{0000}"},
               {"key":"total","type":"formula","label":{"en":"Total"},"formula":"amount * 2","resultType":"money"}
             ],
             "sections":[{"key":"main","label":{"en":"<i>Main</i>","zh-CN":"主要"},"columns":3,
                          "fields":["name","amount","discount"]}]}
            """);

    private final RenderContext context = new RenderContext() {
        @Override
        public Locale locale() {
            return Locale.ENGLISH;
        }

        @Override
        public ZoneId zone() {
            return SHANGHAI;
        }

        @Override
        public List<Choice> users() {
            return List.of(new Choice(7, "销售 Li"), new Choice(8, "销售 Chen"));
        }

        @Override
        public Optional<Choice> record(String targetForm, long id) {
            return Optional.of(new Choice(id, targetForm + " " + id));
        }
    };

    private final RenderedForm form = new FormRenderer(context).render(EVERY_TYPE);

    private Component component(String key) {
        return form.editor(key).orElseThrow().component();
    }

    @Test
    void everyFieldTypeGetsItsComponent() {
        assertThat(component("name")).isInstanceOf(TextField.class);
        assertThat(component("notes")).isInstanceOf(TextArea.class);
        assertThat(component("qty")).isInstanceOf(BigDecimalField.class);
        assertThat(component("amount")).isInstanceOf(BigDecimalField.class);
        assertThat(component("discount")).isInstanceOf(BigDecimalField.class);
        assertThat(component("close_on")).isInstanceOf(DatePicker.class);
        assertThat(component("met_at")).isInstanceOf(DateTimePicker.class);
        assertThat(component("won")).isInstanceOf(Checkbox.class);
        assertThat(component("stage_pick")).isInstanceOf(ComboBox.class);
        assertThat(component("tags")).isInstanceOf(MultiSelectComboBox.class);
        assertThat(component("owner_user")).isInstanceOf(ComboBox.class);
        assertThat(component("customer")).isInstanceOf(ComboBox.class);
        assertThat(component("lines")).isInstanceOf(CustomField.class);
        assertThat(component("files")).isInstanceOf(CustomField.class);
        assertThat(component("sign")).isInstanceOf(CustomField.class);
        assertThat(((TextField) component("code")).isReadOnly()).isTrue();
        assertThat(((BigDecimalField) component("total")).isReadOnly()).isTrue();
        assertThat(form.values()).as("generated and computed fields are never sent")
                .doesNotContainKeys("code", "total").containsKeys("name", "lines", "files", "sign");
    }

    @Test
    void labelsAndHelpAreTextNotHtml() {
        TextField name = (TextField) component("name");
        assertThat(name.getLabel()).isEqualTo("Name");
        assertThat(name.getHelperText()).isEqualTo("<b>bold?</b> no");
        assertThat(name.getElement().getProperty("innerHTML")).isNull();
        assertThat(name.isRequiredIndicatorVisible()).isTrue();
        Component section = form.component().getChildren().findFirst().orElseThrow();
        Component title = section.getChildren().findFirst().orElseThrow();
        assertThat(title.getElement().getText()).isEqualTo("<i>Main</i>");
        assertThat(title.getElement().getChildren().filter(e -> !e.isTextNode()).count()).isZero();
    }

    @Test
    void sectionsUseTheirColumnsAndCollapseToOneOnAPhone() {
        FormLayout main = (FormLayout) form.component().getChildren().findFirst().orElseThrow().getChildren()
                .filter(c -> c instanceof FormLayout).findFirst().orElseThrow();
        assertThat(main.getResponsiveSteps()).hasSize(3);
        assertThat(main.getChildren().count()).isEqualTo(3);
        assertThat(FormRenderer.steps(1)).hasSize(1);
        assertThat(FormRenderer.steps(4)).hasSize(4);
    }

    @Test
    void decimalsStayExactAndPercentShowsAsHundredths() {
        FieldEditor amount = form.editor("amount").orElseThrow();
        amount.setValue(new BigDecimal("12345678901234567.89"));
        assertThat(((BigDecimalField) amount.component()).getValue()).isEqualTo("12345678901234567.89");
        assertThat(amount.value()).isEqualTo(new BigDecimal("12345678901234567.89"));

        FieldEditor discount = form.editor("discount").orElseThrow();
        discount.setValue(new BigDecimal("0.1250"));
        assertThat(((BigDecimalField) discount.component()).getValue()).isEqualByComparingTo("12.5");
        ((BigDecimalField) discount.component()).setValue(new BigDecimal("7.5"));
        assertThat((BigDecimal) discount.value()).isEqualByComparingTo("0.075");
    }

    @Test
    void datetimesAreShownAndReadInTheUsersZone() {
        FieldEditor metAt = form.editor("met_at").orElseThrow();
        metAt.setValue(OffsetDateTime.parse("2025-03-01T02:30:00Z"));
        assertThat(((DateTimePicker) metAt.component()).getValue()).isEqualTo(LocalDateTime.parse("2025-03-01T10:30"));
        assertThat(((OffsetDateTime) metAt.value()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-03-01T02:30:00Z").toInstant());

        FieldEditor closeOn = form.editor("close_on").orElseThrow();
        closeOn.setValue(LocalDate.of(2025, 12, 31));
        assertThat(closeOn.value()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    @SuppressWarnings("unchecked")
    void selectsShowLocalizedLabelsAndStoreKeys() {
        RenderedForm chinese = new FormRenderer(RenderContext.of(Locale.SIMPLIFIED_CHINESE, SHANGHAI))
                .render(EVERY_TYPE);
        ComboBox<String> stage = (ComboBox<String>) chinese.editor("stage_pick").orElseThrow().component();
        assertThat(stage.getItemLabelGenerator().apply("won")).isEqualTo("赢单");
        assertThat(stage.getLabel()).isEqualTo("Stage"); // no Chinese label: English
        chinese.editor("stage_pick").orElseThrow().setValue("lead");
        assertThat(chinese.values().get("stage_pick")).isEqualTo("lead");

        FieldEditor tags = form.editor("tags").orElseThrow();
        tags.setValue(List.of("b", "a"));
        assertThat(tags.value()).isEqualTo(List.of("a", "b"));
        assertThat(new ValueFormatter(context).format(EVERY_TYPE.field("tags").orElseThrow(), List.of("a", "b")))
                .isEqualTo("A, B");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pickersHoldIdsAndShowNames() {
        FieldEditor owner = form.editor("owner_user").orElseThrow();
        owner.setValue(8L);
        assertThat(((ComboBox<Choice>) owner.component()).getValue().label()).isEqualTo("销售 Chen");
        assertThat(owner.value()).isEqualTo(8L);

        FieldEditor customer = form.editor("customer").orElseThrow();
        customer.setValue(42L);
        assertThat(((ComboBox<Choice>) customer.component()).getValue().label()).isEqualTo("customer 42");
        assertThat(customer.value()).isEqualTo(42L);
    }

    @Test
    void subFormLinesRoundTripAndAttachmentsLinkToTheirContent() {
        FieldEditor lines = form.editor("lines").orElseThrow();
        lines.setValue(List.of(Map.of("product", "Valve", "price", new BigDecimal("10.50")),
                Map.of("product", "Pump")));
        assertThat(((SubFormEditor) lines).lines()).hasSize(2);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("product", "Pump");
        second.put("price", null);
        assertThat(lines.value()).isEqualTo(List.of(Map.of("product", "Valve", "price", new BigDecimal("10.50")),
                second));

        AttachmentEditor files = (AttachmentEditor) form.editor("files").orElseThrow();
        AttachmentRef ref = new AttachmentRef("abc", "quote.pdf", "application/pdf", 12);
        files.add(ref);
        assertThat(files.value()).isEqualTo(List.of(ref));
        Anchor link = descendants(files.component()).filter(Anchor.class::isInstance).map(Anchor.class::cast)
                .findFirst().orElseThrow();
        assertThat(link.getHref()).isEqualTo("/api/attachments/abc");
        assertThat(link.getText()).isEqualTo("quote.pdf");
    }

    @Test
    void problemsLandOnTheirFieldsAndTheRestAreReturned() {
        form.editor("lines").orElseThrow().setValue(List.of(Map.of("product", "Valve"), Map.of()));
        List<Problem> unmatched = form.showProblems(List.of(
                Problem.of("name", "required"),
                Problem.of("lines[1].product", "required"),
                Problem.of("amount", "too_many_decimals", 2),
                Problem.of("ghost", "unknown_field", "ghost"),
                Problem.of(null, "rule_failed")), p -> p.code());

        assertThat(form.editor("name").orElseThrow().error()).isEqualTo("required");
        assertThat(((TextField) component("name")).isInvalid()).isTrue();
        assertThat(form.editor("amount").orElseThrow().error()).isEqualTo("too_many_decimals");
        assertThat(form.editor("lines").orElseThrow().error()).isEqualTo("Line 2 · Product: required");
        SubFormEditor lines = (SubFormEditor) form.editor("lines").orElseThrow();
        assertThat(lines.lines().get(1).editors.get("product").error()).isEqualTo("required");
        assertThat(form.editor("notes").orElseThrow().error()).isNull();
        assertThat(unmatched).extracting(Problem::code).containsExactly("unknown_field", "rule_failed");

        form.clearProblems();
        assertThat(form.editor("name").orElseThrow().error()).isNull();
        assertThat(lines.lines().get(1).editors.get("product").error()).isNull();
    }

    private static Stream<Component> descendants(Component component) {
        return Stream.concat(Stream.of(component), component.getChildren().flatMap(FormRendererTest::descendants));
    }
}
