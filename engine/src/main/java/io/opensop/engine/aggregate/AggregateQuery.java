package io.opensop.engine.aggregate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.record.RecordFilter;
import java.util.List;

/**
 * Measures of one form's records, grouped by up to two fields ({@code owner.region} and
 * {@code owner.team} group by the owner's region and team) and/or a period, over the records the
 * filters keep. Filter values may be relative dates: {@code @today}, {@code @today-30},
 * {@code @today+14}, and period starts {@code @week}, {@code @month}, {@code @quarter},
 * {@code @year} and {@code @next_week} … {@code @next_year}, resolved in the actor's zone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AggregateQuery(String form, List<Measure> measures, List<String> groupBy, PeriodGrouping period,
                             List<RecordFilter> filters, Integer limit) {

    public static final int MAX_GROUP_FIELDS = 2;
    public static final int MAX_MEASURES = 8;
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 2000;

    public AggregateQuery {
        measures = measures == null || measures.isEmpty() ? List.of(Measure.count()) : List.copyOf(measures);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    public static AggregateQuery of(String form, Measure measure, String... groupBy) {
        return new AggregateQuery(form, List.of(measure), List.of(groupBy), null, null, null);
    }

    public AggregateQuery withFilters(List<RecordFilter> more) {
        List<RecordFilter> all = new java.util.ArrayList<>(filters);
        all.addAll(more);
        return new AggregateQuery(form, measures, groupBy, period, all, limit);
    }

    public AggregateQuery withPeriod(PeriodGrouping grouping) {
        return new AggregateQuery(form, measures, groupBy, grouping, filters, limit);
    }

    int effectiveLimit() {
        return limit == null || limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }
}
