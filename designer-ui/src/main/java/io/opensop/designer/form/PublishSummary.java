package io.opensop.designer.form;

import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.record.RetypeFailure;
import io.opensop.engine.record.SchemaChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A publish dry run in words, e.g. "adds 2 columns, hides 1 field, retypes 1 field: 3 rows cannot
 * convert", and one line per change, so nothing that touches stored data happens unseen.
 */
public final class PublishSummary {

    private PublishSummary() {
    }

    public static String sentence(PublishResult preview, Locale locale) {
        List<String> parts = new ArrayList<>();
        if (count(preview, SchemaChange.Kind.CREATE_TABLE) > 0) {
            parts.add(DesignerText.get(locale, "publish.createsTable"));
        }
        add(parts, preview, SchemaChange.Kind.ADD_COLUMN, "publish.adds", locale);
        add(parts, preview, SchemaChange.Kind.HIDE_FIELD, "publish.hides", locale);
        add(parts, preview, SchemaChange.Kind.RESTORE_FIELD, "publish.restores", locale);
        long retypes = count(preview, SchemaChange.Kind.RETYPE);
        long unconvertible = preview.failures().stream().mapToLong(RetypeFailure::rowCount).sum();
        if (retypes > 0 || unconvertible > 0) {
            String retype = DesignerText.get(locale, "publish.retypes", Math.max(retypes, preview.failures().size()));
            parts.add(unconvertible > 0 ? retype + DesignerText.get(locale, "publish.cannotConvert", unconvertible)
                    : retype);
        }
        add(parts, preview, SchemaChange.Kind.ADD_INDEX, "publish.indexes", locale);
        add(parts, preview, SchemaChange.Kind.DROP_INDEX, "publish.dropsIndexes", locale);
        if (parts.isEmpty()) {
            return DesignerText.get(locale, "publish.noSchemaChange");
        }
        return String.join(DesignerText.get(locale, "publish.separator"), parts);
    }

    /** One line per change and per refused retype. */
    public static List<String> lines(PublishResult preview, Locale locale) {
        List<String> lines = new ArrayList<>();
        for (SchemaChange change : preview.changes()) {
            String subject = change.kind() == SchemaChange.Kind.CREATE_TABLE ? preview.key() : change.fieldPath();
            lines.add(DesignerText.get(locale, "publish.change." + change.kind().name(), subject,
                    change.column() == null ? "" : change.column(), change.detail() == null ? "" : change.detail()));
        }
        for (RetypeFailure failure : preview.failures()) {
            lines.add(DesignerText.get(locale, "publish.failure", failure.fieldPath(), failure.fromType(),
                    failure.toType(), failure.rowCount(), failure.firstRecordIds().toString()));
        }
        return lines;
    }

    private static void add(List<String> parts, PublishResult preview, SchemaChange.Kind kind, String key,
                            Locale locale) {
        long n = count(preview, kind);
        if (n > 0) {
            parts.add(DesignerText.get(locale, key, n));
        }
    }

    private static long count(PublishResult preview, SchemaChange.Kind kind) {
        return preview.changes().stream().filter(c -> c.kind() == kind).count();
    }
}
