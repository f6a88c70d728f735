package io.opensop.designer.form;

import static io.opensop.designer.form.DesignerTestSupport.byTestId;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import io.opensop.engine.form.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FieldPaletteTest {

    @Test
    void thePaletteOffersEveryFieldTypeInTheReadersLanguage() {
        List<FieldType> added = new ArrayList<>();
        FieldPalette palette = new FieldPalette(Locale.SIMPLIFIED_CHINESE, added::add);
        for (FieldType type : FieldType.values()) {
            Button button = byTestId(palette, "palette-" + type.json(), Button.class);
            assertThat(button.getText()).isNotBlank().isNotEqualTo("type." + type.json());
            button.click();
        }
        assertThat(added).containsExactly(FieldType.values());
        assertThat(byTestId(palette, "palette-money", Button.class).getText()).isEqualTo("金额");
    }

    @Test
    void outlineButtonsMoveAFieldForKeyboardUsers() {
        DesignModel model = DesignModel.blank("visit", io.opensop.engine.i18n.LocalizedText.of("Visit", "拜访"));
        model.addField(FieldType.TEXT, null, DesignerText.typeName(FieldType.TEXT));
        model.addField(FieldType.MONEY, null, DesignerText.typeName(FieldType.MONEY));
        List<String> changed = new ArrayList<>();
        FieldOutline outline = new FieldOutline(model, Locale.ENGLISH, new FieldOutline.Listener() {
            @Override
            public void selected(String fieldKey) {
            }

            @Override
            public void changed() {
                changed.add("x");
            }
        });
        byTestId(outline, "field-up-money_1", Button.class).click();
        assertThat(model.fieldsOf("section_1")).containsExactly("money_1", "text_1");
        byTestId(outline, "field-down-money_1", Button.class).click();
        assertThat(model.fieldsOf("section_1")).containsExactly("text_1", "money_1");
        byTestId(outline, "field-remove-text_1", Button.class).click();
        assertThat(model.fieldKeys()).containsExactly("money_1");
        assertThat(changed).hasSize(3);
        assertThat(byTestId(outline, "field-up-money_1", Button.class).getElement().getAttribute("aria-label"))
                .isEqualTo("Move up");
    }
}
