package io.opensop.designer.formula;

import static io.opensop.designer.form.DesignerTestSupport.byTestId;
import static io.opensop.designer.form.DesignerTestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import io.opensop.designer.form.DesignerTestSupport;
import io.opensop.designer.formula.FormulaSuggestions.Completion;
import io.opensop.designer.formula.FormulaSuggestions.FieldChoice;
import io.opensop.designer.formula.FormulaSuggestions.Suggestion;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.i18n.LocalizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The formula editor with the engine's real checker: underlines, messages, autocomplete. */
class FormulaEditorTest {

    private static final FormDefinition DEAL = FormJson.read("""
            {"key":"deal","label":{"en":"Deal"},"fields":[
              {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"合同金额"},"currency":"CNY"},
              {"key":"discount","type":"percent","label":{"en":"Discount","zh-CN":"折扣"}}]}""");

    private final List<String> told = new ArrayList<>();
    private final FormulaEditor editor = new FormulaEditor("Formula", DesignerTestSupport.formulas(() -> DEAL),
            Locale.ENGLISH, FieldType.MONEY, "f");

    {
        editor.addChangeListener(told::add);
    }

    @Test
    void anUnknownFieldIsUnderlinedAtItsCharacterRangeWithTheEnginesMessage() {
        editor.input().setValue("amount * discont");
        assertThat(editor.lastCheck().ok()).isFalse();
        var error = byTestId(editor, "formula-error", com.vaadin.flow.component.html.Div.class);
        assertThat(error.getElement().getAttribute("data-start")).isEqualTo("9");
        assertThat(error.getElement().getAttribute("data-end")).isEqualTo("16");
        assertThat(error.getText()).startsWith("Characters 10–16: ").contains("discont");
        assertThat(byTestId(editor, "formula-underline", Span.class).getText()).isEqualTo("discont");
        assertThat(editor.input().isInvalid()).isTrue();
        assertThat(told).containsExactly("amount * discont");
    }

    @Test
    void aGoodFormulaShowsItsTypeAndClearsTheUnderline() {
        editor.input().setValue("amount * (1 - discount)");
        assertThat(editor.lastCheck().ok()).isTrue();
        assertThat(tree(editor).anyMatch(c -> "formula-underline".equals(c.getElement().getAttribute("data-testid"))))
                .isFalse();
        assertThat(byTestId(editor, "formula-ok", Span.class).getText()).isEqualTo("OK, result type: money");
    }

    @Test
    void showingAStoredFormulaChecksItWithoutTellingListeners() {
        editor.setValue("amount +");
        assertThat(editor.lastCheck().ok()).isFalse();
        assertThat(told).isEmpty();
    }

    @Test
    void aSuggestionCompletesTheWordBeingTyped() {
        editor.input().setValue("ROUND(am");
        byTestId(editor, "suggestion-amount", Button.class).click();
        assertThat(editor.getValue()).isEqualTo("ROUND(amount");
        assertThat(told).last().isEqualTo("ROUND(amount");
    }

    @Test
    void fieldsAreSuggestedByKeyOrLabelAndFunctionsWithTheirSignature() {
        List<FieldChoice> fields = List.of(new FieldChoice("amount", LocalizedText.of("Amount", "合同金额")),
                new FieldChoice("discount", LocalizedText.of("Discount", "折扣")));
        assertThat(FormulaSuggestions.suggest("1 + am", fields, Locale.ENGLISH, 8)).extracting(Suggestion::insert)
                .containsExactly("amount");
        assertThat(FormulaSuggestions.suggest("ROU", fields, Locale.ENGLISH, 8)).extracting(Suggestion::display)
                .containsExactly("ROUND(x[, digits])", "ROUNDDOWN(x[, digits])", "ROUNDUP(x[, digits])");
        List<Suggestion> byLabel = FormulaSuggestions.suggest("{金额", fields, Locale.SIMPLIFIED_CHINESE, 8);
        assertThat(byLabel).extracting(Suggestion::insert).containsExactly("{合同金额}");
        assertThat(FormulaSuggestions.apply("IF({金额", byLabel.get(0))).isEqualTo("IF({合同金额}");
        assertThat(FormulaSuggestions.suggest("amount ", fields, Locale.ENGLISH, 8)).isEmpty();
    }

    private static final List<FieldChoice> FIELDS = List.of(new FieldChoice("amount", LocalizedText.of("Amount", "合同金额")),
            new FieldChoice("discount", LocalizedText.of("Discount", "折扣")));

    @Test
    void theWordAtTheCaretInTheMiddleOfTheTextIsCompletedAndTheRestIsKept() {
        String text = "ROUND(am, 2) * discount";
        Completion completion = FormulaSuggestions.complete(text, 8, FIELDS, Locale.ENGLISH, 8);

        assertThat(completion.start()).isEqualTo(6);
        assertThat(completion.end()).isEqualTo(8);
        assertThat(completion.suggestions()).extracting(Suggestion::insert).containsExactly("amount");
        assertThat(completion.apply(completion.suggestions().get(0))).isEqualTo("ROUND(amount, 2) * discount");
        assertThat(completion.caretAfter(completion.suggestions().get(0))).isEqualTo(12);
    }

    @Test
    void aCaretInsideAnIdentifierMatchesWhatIsBeforeItAndReplacesTheWholeIdentifier() {
        Completion completion = FormulaSuggestions.complete("1 + disc_old * 2", 6, FIELDS, Locale.ENGLISH, 8);

        assertThat(completion.start()).isEqualTo(4);
        assertThat(completion.end()).isEqualTo(12);
        assertThat(completion.suggestions()).extracting(Suggestion::insert).first().isEqualTo("discount");
        assertThat(completion.apply(completion.suggestions().get(0))).isEqualTo("1 + discount * 2");
    }

    @Test
    void aFunctionCompletedBeforeItsParenthesisDoesNotDoubleIt() {
        Completion completion = FormulaSuggestions.complete("IF(amount > 0, ROU(amount), 0)", 18, FIELDS,
                Locale.ENGLISH, 8);

        Suggestion round = completion.suggestions().stream().filter(s -> s.insert().equals("ROUND(")).findFirst()
                .orElseThrow();
        assertThat(completion.apply(round)).isEqualTo("IF(amount > 0, ROUND(amount), 0)");
        assertThat(completion.caretAfter(round)).isEqualTo(21);
    }

    @Test
    void aLabelInBracesIsCompletedAtTheCaretUpToItsClosingBrace() {
        Completion open = FormulaSuggestions.complete("IF({金额 > 5, 1, 0)", 6, FIELDS, Locale.SIMPLIFIED_CHINESE, 8);
        assertThat(open.apply(open.suggestions().get(0))).isEqualTo("IF({合同金额} > 5, 1, 0)");

        Completion closed = FormulaSuggestions.complete("{折} + {合同金额}", 9, FIELDS, Locale.SIMPLIFIED_CHINESE, 8);
        assertThat(closed.start()).isEqualTo(6);
        assertThat(closed.end()).isEqualTo(12);
        assertThat(closed.suggestions()).extracting(Suggestion::insert).containsExactly("{合同金额}");
        assertThat(closed.apply(closed.suggestions().get(0))).isEqualTo("{折} + {合同金额}");
    }

    @Test
    void nothingIsSuggestedAfterASpaceAndACaretOutsideTheTextCountsAsTheEnd() {
        assertThat(FormulaSuggestions.complete("amount + 1", 7, FIELDS, Locale.ENGLISH, 8).suggestions()).isEmpty();
        assertThat(FormulaSuggestions.complete("1 + am", 99, FIELDS, Locale.ENGLISH, 8).suggestions())
                .extracting(Suggestion::insert).containsExactly("amount");
    }

    @Test
    void theEditorCompletesAtTheCaretTheBrowserReports() {
        editor.input().setValue("ROUND(am, 2) * 3");
        assertThat(tree(editor).anyMatch(c -> "suggestion-amount".equals(c.getElement().getAttribute("data-testid"))))
                .as("the end of the text is no word").isFalse();

        editor.caretMoved("ROUND(am, 2) * 3", 8);
        byTestId(editor, "suggestion-amount", Button.class).click();

        assertThat(editor.getValue()).isEqualTo("ROUND(amount, 2) * 3");
        assertThat(told).last().isEqualTo("ROUND(amount, 2) * 3");
    }
}
