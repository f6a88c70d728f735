package io.opensop.runtime.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every text of the UI exists in English and in Chinese. */
class UiBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = UiBundlesTest.class.getResourceAsStream("/io/opensop/runtime/ui/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theEnglishAndChineseBundlesHaveTheSameKeysAndNoEmptyText() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");

        assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
        assertThat(zh.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
    }
}
