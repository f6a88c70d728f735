package io.opensop.runtime.transfer;

import io.opensop.engine.transfer.ExportFormat;
import io.opensop.engine.transfer.ExportService;
import io.opensop.runtime.record.QueryParameters;
import io.opensop.runtime.security.CurrentActor;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A record list as CSV or .xlsx, with the list's own {@code filter} and {@code sort} parameters
 * ({@link QueryParameters}). Permissions and parameters are checked before the first byte, so a
 * refused export is a JSON error; the file then streams page by page.
 */
@RestController
@RequestMapping("/api/forms/{formKey}")
class ExportController {

    private final ExportService exports;
    private final CurrentActor actor;

    ExportController(ExportService exports, CurrentActor actor) {
        this.exports = exports;
        this.actor = actor;
    }

    @GetMapping("/export.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String formKey,
                                              @RequestParam(value = "filter", required = false) List<String> filters,
                                              @RequestParam(value = "sort", required = false) String sort) {
        return export(formKey, filters, sort, ExportFormat.CSV);
    }

    @GetMapping("/export.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable String formKey,
                                               @RequestParam(value = "filter", required = false) List<String> filters,
                                               @RequestParam(value = "sort", required = false) String sort) {
        return export(formKey, filters, sort, ExportFormat.XLSX);
    }

    private ResponseEntity<StreamingResponseBody> export(String formKey, List<String> filters, String sort,
                                                         ExportFormat format) {
        ExportService.Export export = exports.prepare(actor.get(), formKey,
                QueryParameters.filters(filters == null ? List.of() : filters), QueryParameters.sorts(sort), format);
        String name = Downloads.safeName(formKey, "export") + "." + format.extension();
        StreamingResponseBody body = export::writeTo;
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(format.mediaType())).body(body);
    }
}
