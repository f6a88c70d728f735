package io.opensop.runtime.audit;

import io.opensop.engine.EngineServices;
import io.opensop.engine.audit.MidnightResignReport;
import io.opensop.engine.audit.ResignFinding;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.runtime.security.CurrentActor;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audit reports over the revision history (docs/sales-crm.md "Audit: sign-then-withdraw around
 * midnight"). Anyone who may read the form may run them; they list only records the caller may read.
 */
@RestController
class AuditReportController {

    private final MidnightResignReport midnightResigns;
    private final CurrentActor actor;

    AuditReportController(EngineServices engine, CurrentActor actor) {
        this.midnightResigns = new MidnightResignReport(engine.revisions(), engine.records(), engine.forms());
        this.actor = actor;
    }

    /**
     * {@code GET /api/audit/midnight-resign?form=contract&field=signed_on&from=2026-11-01&to=2026-11-30
     * [&window=PT30M][&zone=Asia/Shanghai]}: the zone defaults to the caller's.
     */
    @GetMapping("/api/audit/midnight-resign")
    List<ResignFinding> midnightResign(@RequestParam String form, @RequestParam String field,
                                       @RequestParam String from, @RequestParam String to,
                                       @RequestParam(defaultValue = "PT30M") String window,
                                       @RequestParam(required = false) String zone) {
        List<Problem> problems = new ArrayList<>();
        LocalDate first = date("from", from, problems);
        LocalDate last = date("to", to, problems);
        Duration span = null;
        try {
            span = Duration.parse(window);
        } catch (DateTimeException e) {
            problems.add(Problem.of("window", "invalid_value", window));
        }
        ZoneId in = actor.get().zone();
        if (zone != null) {
            try {
                in = ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add(Problem.of("zone", "invalid_value", zone));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return midnightResigns.run(actor.get(), form, field, span, in, first, last);
    }

    private static LocalDate date(String name, String text, List<Problem> problems) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            problems.add(Problem.of(name, "invalid_value", text));
            return null;
        }
    }
}
