package io.opensop.engine.formula;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.formula.FunctionCatalog.FunctionInfo;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FunctionCatalogTest {

    @Test
    void everyFunctionOfTheLanguageHasASignatureAndADescriptionInBothLanguages() {
        assertThat(FunctionCatalog.all()).extracting(FunctionInfo::name)
                .containsExactlyInAnyOrderElementsOf(Functions.names());
        for (FunctionInfo info : FunctionCatalog.all()) {
            assertThat(info.signature()).startsWith(info.name() + "(");
            assertThat(info.description().in(Locale.ENGLISH)).isNotBlank();
            assertThat(info.description().in(Locale.SIMPLIFIED_CHINESE))
                    .isNotEqualTo(info.description().in(Locale.ENGLISH));
        }
    }
}
