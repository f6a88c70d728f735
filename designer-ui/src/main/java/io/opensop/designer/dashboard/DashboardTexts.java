package io.opensop.designer.dashboard;

import io.opensop.designer.render.RenderMessages;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.aggregate.Measure;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.record.PublishedForms;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words and number formats of dashboards in the viewer's language: field labels from the form,
 * measure names ("Sum of Amount"), system attributes, and values formatted exactly (a sum keeps its
 * scale; nothing is rounded for display).
 */
public final class DashboardTexts implements java.io.Serializable {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final transient PublishedForms forms;
    private final Locale locale;
    private final ZoneId zone;

    public DashboardTexts(PublishedForms forms, Locale locale, ZoneId zone) {
        this.forms = forms;
        this.locale = locale;
        this.zone = zone;
    }

    public Locale locale() {
        return locale;
    }

    public String text(String key, Object... args) {
        return RenderMessages.get(locale, key, args);
    }

    /** A field's label, or the name of a system attribute such as the stage or the owner's region. */
    public String fieldLabel(String form, String field) {
        if (field == null) {
            return "";
        }
        if (field.startsWith("period:")) {
            return fieldLabel(form, field.substring("period:".length()));
        }
        switch (field) {
            case "stage", "owner", "created_at", "updated_at", "created_by", "updated_by", "id" -> {
                return text("dashboard.system." + field);
            }
            case AggregateService.OWNER_REGION -> {
                return text("dashboard.system.owner_region");
            }
            case AggregateService.OWNER_TEAM -> {
                return text("dashboard.system.owner_team");
            }
            default -> {
                FormDefinition definition = forms.current(form).map(p -> p.definition()).orElse(null);
                return definition == null ? field : definition.field(field)
                        .map(f -> f.label() == null ? field : f.label().in(locale)).orElse(field);
            }
        }
    }

    public String measureName(String form, Measure measure) {
        if (measure.field() == null) {
            return text("dashboard.function.count_all");
        }
        return text("dashboard.function." + measure.function().key(), fieldLabel(form, measure.field()));
    }

    public String format(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof BigDecimal number) {
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMinimumFractionDigits(Math.max(number.scale(), 0));
            format.setMaximumFractionDigits(Math.max(number.scale(), 0));
            return format.format(number);
        }
        if (value instanceof Long number) {
            return NumberFormat.getIntegerInstance(locale).format(number);
        }
        if (value instanceof OffsetDateTime time) {
            return DATETIME.format(time.atZoneSameInstant(zone));
        }
        return value.toString();
    }
}
