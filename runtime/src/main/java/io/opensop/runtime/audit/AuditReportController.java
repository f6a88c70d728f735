package io.opensop.runtime.audit;

import io.opensop.engine.EngineServices;
import io.opensop.engine.audit.MidnightResignReport;
import io.opensop.engine.audit.ResignFinding;
import io.opensop.runtime.security.CurrentActor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audit reports over the revision history (docs/sales-crm.md "Audit: sign-then-withdraw around
 * midnight"). Admins, sales directors, finance and legal may run them ({@link MidnightResignReport#AUDITOR_ROLES};
 * others get 403); they list only records the caller may read.
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
     * [&window=PT30M][&zone=Asia/Shanghai]}: the zone defaults to the caller's. A missing or malformed
     * parameter (date, ISO 8601 duration, zone id) is a 400 naming it, converted by Spring before the
     * report runs; an unknown or hidden field and a window or range out of bounds are the report's 422.
     */
    @GetMapping("/api/audit/midnight-resign")
    List<ResignFinding> midnightResign(@RequestParam String form, @RequestParam String field,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                       @RequestParam(defaultValue = "PT30M") Duration window,
                                       @RequestParam(required = false) ZoneId zone) {
        return midnightResigns.run(actor.get(), form, field, window, zone == null ? actor.get().zone() : zone, from, to);
    }
}
