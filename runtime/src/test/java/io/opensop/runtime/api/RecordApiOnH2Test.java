package io.opensop.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:api;DB_CLOSE_DELAY=-1",
        "spring.servlet.multipart.max-file-size=64KB",
        "spring.servlet.multipart.max-request-size=70KB"})
class RecordApiOnH2Test extends RecordApiContract {

    @Test
    void anUploadIsStoredUnderASafeNameAndServedAsADownload() {
        byte[] pdf = "%PDF-1.7 needs assessment".getBytes(StandardCharsets.US_ASCII);

        ApiClient.Response uploaded = upload("../../etc/passwd\u0001需求.pdf", "text/html", pdf);

        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(uploaded.json().get("name").asText()).isEqualTo("passwd_需求.pdf");
        assertThat(uploaded.json().get("mediaType").asText()).as("sniffed, not trusted").isEqualTo("application/pdf");
        ApiClient.Response download = rep.get("/api/attachments/" + uploaded.json().get("id").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.text()).isEqualTo("%PDF-1.7 needs assessment");
    }

    @Test
    void anUploadOverTheLimitGets413AndAnEmptyOneGets422() {
        assertThat(upload("big.bin", "application/octet-stream", new byte[100 * 1024]).status()).isEqualTo(413);
        assertThat(upload("empty.txt", "text/plain", new byte[0]).status()).isEqualTo(422);
        assertThat(rep.get("/api/attachments/no-such-id").status()).isEqualTo(404);
    }

    private ApiClient.Response upload(String name, String type, byte[] content) {
        return rep.upload("/api/attachments", name, type, content);
    }
}
