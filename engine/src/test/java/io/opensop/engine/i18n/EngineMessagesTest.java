package io.opensop.engine.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineMessagesTest {

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = EngineMessagesTest.class.getResourceAsStream("/io/opensop/engine/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyMessageExistsInEnglishAndInChinese() throws Exception {
        assertThat(load("messages_zh_CN.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }
}
