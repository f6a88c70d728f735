package io.opensop.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every designer text exists in English and in Simplified Chinese. */
class DesignerBundlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"render", "bpmn", "template"})
    void theChineseAndEnglishBundlesHaveTheSameKeys(String feature) throws IOException {
        Properties en = load("/io/opensop/designer/" + feature + "/messages.properties");
        Properties zh = load("/io/opensop/designer/" + feature + "/messages_zh_CN.properties");

        assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en).isNotEmpty();
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DesignerBundlesTest.class.getResourceAsStream(path)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
