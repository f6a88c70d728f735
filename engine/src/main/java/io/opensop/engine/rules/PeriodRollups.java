package io.opensop.engine.rules;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.RollupDefinition;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Period roll-ups (docs/formulas.md): which child records a holding record aggregates (those its
 * owner field's user owns, dated in its period), and which holding records a child write touches.
 * The forms that hold period roll-ups are found once per set of published versions, so a child save
 * costs one small query when nothing was published in between.
 */
final class PeriodRollups {

    /** A holding record to recompute or file: form, owner, first day of its period. */
    record Holder(PublishedForm form, RollupDefinition.Period period, long ownerId, LocalDate start) {
    }

    private final FormulaSupport formulas;
    private volatile Map<String, Integer> seenVersions = Map.of();
    private volatile List<PublishedForm> holdingForms = List.of();

    PeriodRollups(FormulaSupport formulas) {
        this.formulas = formulas;
    }

    /** The live children of {@code child} the holding record with {@code values} aggregates. */
    List<FormRecord> children(PublishedForm child, RollupDefinition.Period period, Map<String, Object> values) {
        if (!(values.get(period.owner()) instanceof Number owner) || !(values.get(period.start()) instanceof LocalDate start)) {
            return List.of();
        }
        LocalDate from = period.plus(period.periodOf(start), period.shift());
        // the database narrows by owner and date range; the exact period check stays here
        return formulas.records().ownedIn(child, owner.longValue(), period.dateField(), from.minusDays(1),
                        period.plus(from, 1).plusDays(1), formulas.context().zone()).stream()
                .filter(r -> from.equals(periodOf(period, r))).toList();
    }

    /** The holding records whose periods {@code previous} left or {@code current} entered (either may be null). */
    List<Holder> touched(PublishedForm child, FormRecord previous, FormRecord current) {
        List<Holder> holders = new ArrayList<>();
        for (PublishedForm form : holdingForms()) {
            for (FieldDefinition field : form.definition().fieldList()) {
                RollupDefinition rollup = field.rollup();
                if (field.type() != FieldType.ROLLUP || rollup == null || rollup.period() == null
                        || !child.key().equals(rollup.form())) {
                    continue;
                }
                for (FormRecord record : new FormRecord[] {previous, current}) {
                    LocalDate period = record == null || record.ownerId() == null ? null : periodOf(rollup.period(), record);
                    if (period != null) {
                        Holder holder = new Holder(form, rollup.period(), record.ownerId(),
                                rollup.period().plus(period, -rollup.period().shift()));
                        if (holders.stream().noneMatch(h -> h.form().key().equals(form.key())
                                && h.ownerId() == holder.ownerId() && h.start().equals(holder.start()))) {
                            holders.add(holder);
                        } else if (holder.period().shift() == 0) {
                            // the own-period roll-up decides whether a missing holder is filed
                            holders.replaceAll(h -> h.form().key().equals(form.key()) && h.ownerId() == holder.ownerId()
                                    && h.start().equals(holder.start()) ? holder : h);
                        }
                    }
                }
            }
        }
        return holders;
    }

    /** The stored holding record of {@code holder}, if any. */
    Optional<FormRecord> find(Holder holder) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put(holder.period().owner(), holder.ownerId());
        key.put(holder.period().start(), holder.start());
        formulas.records().lockValue(holder.form().key() + ":" + holder.ownerId() + ":" + holder.start());
        return formulas.records().findBy(holder.form(), key);
    }

    private LocalDate periodOf(RollupDefinition.Period period, FormRecord record) {
        Object value = RollupDefinition.Period.CREATED_AT.equals(period.dateField()) ? record.createdAt()
                : record.values().get(period.dateField());
        LocalDate day = null;
        if (value instanceof LocalDate d) {
            day = d;
        } else if (value instanceof OffsetDateTime o) {
            day = o.atZoneSameInstant(formulas.context().zone()).toLocalDate();
        } else if (value instanceof ZonedDateTime z) {
            day = z.withZoneSameInstant(formulas.context().zone()).toLocalDate();
        } else if (value instanceof Instant i) {
            day = i.atZone(formulas.context().zone()).toLocalDate();
        } else if (value instanceof LocalDateTime l) {
            day = l.toLocalDate();
        }
        return day == null ? null : period.periodOf(day);
    }

    private List<PublishedForm> holdingForms() {
        Map<String, Integer> versions = formulas.forms().publishedVersions();
        if (!versions.equals(seenVersions)) {
            List<PublishedForm> found = new ArrayList<>();
            for (String key : versions.keySet()) {
                formulas.forms().current(key).filter(f -> f.definition().fieldList().stream()
                        .anyMatch(x -> x.type() == FieldType.ROLLUP && x.rollup() != null && x.rollup().period() != null))
                        .ifPresent(found::add);
            }
            holdingForms = List.copyOf(found);
            seenVersions = versions;
        }
        return holdingForms;
    }
}
