package io.opensop.runtime.form;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the published JSON Schema of form definitions (the file under docs/schema). */
@RestController
class SchemaController {

    @GetMapping(value = "/api/schema/form-definition", produces = "application/schema+json")
    ResponseEntity<byte[]> formDefinitionSchema() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/opensop/engine/schema/form-definition.schema.json")) {
            if (in == null) {
                return ResponseEntity.notFound().build();
            }
            return ResponseEntity.ok().contentType(MediaType.valueOf("application/schema+json")).body(in.readAllBytes());
        }
    }
}
