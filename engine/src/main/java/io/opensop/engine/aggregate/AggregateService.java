package io.opensop.engine.aggregate;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.ScopedRecords;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserDirectory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Counts, sums, averages, minimums and maximums of a form's records, grouped by fields and/or a
 * calendar period. Reads only through {@link RecordService#scoped}: the actor's row scope and the
 * filters apply exactly as in a record list, and a field the actor may not see can be neither
 * measured, grouped on nor filtered on (422 {@code unknown_field}, as for a field that does not
 * exist, so a hidden field cannot be probed). Amounts are exact {@link BigDecimal}s.
 *
 * <p>SQL groups by the fields and, for a period, by the day (a datetime's day in the actor's zone);
 * the days are then folded into weeks, months, quarters or years here. Generated names are quoted
 * column names from the record store; every value is a bind parameter.
 */
public final class AggregateService {

    /** Dimensions that group by an attribute of the record's owner, from the user directory. */
    public static final String OWNER_REGION = "owner.region";
    public static final String OWNER_TEAM = "owner.team";

    static final int MAX_SQL_GROUPS = 100_000;
    private static final Set<FieldType> NOT_GROUPABLE = Set.of(FieldType.MULTI_SELECT, FieldType.LONG_TEXT,
            FieldType.ATTACHMENT, FieldType.SIGNATURE, FieldType.SUB_FORM);
    private static final Set<String> DATETIME_SYSTEM = Set.of("created_at", "updated_at");
    private static final Name OWNER_ALIAS = DSL.name("agg_owner");

    private final DSLContext dsl;
    private final RecordService records;
    private final PublishedForms forms;
    private final UserDirectory users;
    private final RelativeDates relativeDates;

    public AggregateService(DSLContext dsl, RecordService records, PublishedForms forms, UserDirectory users,
                            Clock clock) {
        this.dsl = dsl;
        this.records = records;
        this.forms = forms;
        this.users = users;
        this.relativeDates = new RelativeDates(clock);
    }

    /** Runs the query as the actor. */
    public AggregateResult run(Actor actor, AggregateQuery query) {
        return plan(actor, query).execute();
    }

    /** Checks the query as the actor would run it (every problem at once), without reading records. */
    public void check(Actor actor, AggregateQuery query) {
        plan(actor, query);
    }

    /** One key column of the result. */
    private record Dimension(String name, Field<Object> sql, FieldDefinition field, PeriodUnit unit) {
    }

    /** One measure and where its partial results sit in the SQL row. */
    private record Part(Measure measure, int scale, List<Field<?>> columns) {
    }

    /** Whether records may be grouped by a field of this kind (the builder offers only these). */
    public static boolean groupable(FieldDefinition field) {
        return !NOT_GROUPABLE.contains(field.storedType());
    }

    private Plan plan(Actor actor, AggregateQuery query) {
        List<Problem> problems = new ArrayList<>();
        if (query.form() == null || query.form().isBlank()) {
            throw new ValidationException(Problem.of("form", "required"));
        }
        if (query.groupBy().size() > AggregateQuery.MAX_GROUP_FIELDS) {
            problems.add(Problem.of("groupBy", "too_many_items", AggregateQuery.MAX_GROUP_FIELDS));
        }
        if (query.measures().size() > AggregateQuery.MAX_MEASURES) {
            problems.add(Problem.of("measures", "too_many_items", AggregateQuery.MAX_MEASURES));
        }
        FormDefinition definition = forms.current(query.form()).map(p -> p.definition()).orElse(null);
        List<RecordFilter> filters = prepareFilters(actor, definition, query.filters(), problems);
        ScopedRecords scope = records.scoped(actor, query.form(), filters, problems);
        definition = scope.form().definition();

        boolean joinOwner = false;
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            String name = query.groupBy().get(i);
            String at = "groupBy[" + i + "]";
            if (OWNER_REGION.equals(name) || OWNER_TEAM.equals(name)) {
                joinOwner = true;
                dimensions.add(new Dimension(name, ownerAttribute(name.substring("owner.".length())), null, null));
                continue;
            }
            Field<Object> column = scope.column(name, at, problems);
            FieldDefinition field = definition.field(name).orElse(null);
            if (column != null && field != null && !groupable(field)) {
                problems.add(Problem.of(at, "aggregate_not_groupable", name));
            } else if (column != null) {
                dimensions.add(new Dimension(name, column, field, null));
            }
        }
        if (query.period() != null) {
            Dimension period = periodDimension(actor, scope, query.period(), problems);
            if (period != null) {
                dimensions.add(period);
            }
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < query.measures().size(); i++) {
            Part part = part(scope, query.measures().get(i), "measures[" + i + "]", problems);
            if (part != null) {
                parts.add(part);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new Plan(actor, query, scope, dimensions, parts, joinOwner);
    }

    private Dimension periodDimension(Actor actor, ScopedRecords scope, PeriodGrouping period,
                                      List<Problem> problems) {
        if (period.field() == null || period.unit() == null) {
            problems.add(Problem.of("period", "required"));
            return null;
        }
        Field<Object> column = scope.column(period.field(), "period.field", problems);
        if (column == null) {
            return null;
        }
        Class<?> type = column.getType();
        Field<Object> day;
        if (LocalDate.class.equals(type)) {
            day = column;
        } else if (OffsetDateTime.class.equals(type)) {
            day = localDay(column, actor.zone().getId());
        } else {
            problems.add(Problem.of("period.field", "aggregate_not_date", period.field()));
            return null;
        }
        return new Dimension("period:" + period.field(), day, null, period.unit());
    }

    /**
     * The calendar day of a stored instant in a zone. The zone is a validated ZoneId written as a
     * literal, so the grouped expression is the same text in SELECT and GROUP BY (a bind parameter in
     * each would not be). H2 casts a zoned timestamp to DATE in the session's zone, so there the day is
     * formatted in the wanted zone first.
     */
    @SuppressWarnings("unchecked")
    private Field<Object> localDay(Field<Object> column, String zone) {
        String sql = dsl.dialect().family() == SQLDialect.POSTGRES
                ? "cast(({0} at time zone {1}) as date)"
                : "cast(formatdatetime({0}, 'yyyy-MM-dd', 'en', {1}) as date)";
        return (Field<Object>) (Field<?>) DSL.field(sql, SQLDataType.LOCALDATE, column, DSL.inline(zone));
    }

    private Part part(ScopedRecords scope, Measure measure, String at, List<Problem> problems) {
        if (measure == null || measure.function() == null) {
            problems.add(Problem.of(at + ".function", "required"));
            return null;
        }
        AggregateFunction function = measure.function();
        if (measure.field() == null || measure.field().isBlank()) {
            if (function != AggregateFunction.COUNT) {
                problems.add(Problem.of(at + ".field", "required"));
                return null;
            }
            return new Part(measure, 0, List.of(DSL.count()));
        }
        Field<Object> column = scope.column(measure.field(), at + ".field", problems);
        if (column == null) {
            return null;
        }
        Class<?> type = column.getType();
        boolean numeric = BigDecimal.class.equals(type);
        boolean temporal = LocalDate.class.equals(type) || OffsetDateTime.class.equals(type);
        int scale = numeric ? Math.max(column.getDataType().scale(), 0) : 0;
        return switch (function) {
            case COUNT -> new Part(measure, 0, List.of(DSL.count(column)));
            case SUM, AVG -> {
                if (!numeric) {
                    problems.add(Problem.of(at + ".field", "aggregate_not_numeric", measure.field(), function.key()));
                    yield null;
                }
                Field<BigDecimal> number = column.coerce(BigDecimal.class);
                yield new Part(measure, scale, function == AggregateFunction.SUM ? List.of(DSL.sum(number))
                        : List.of(DSL.sum(number), DSL.count(column)));
            }
            case MIN, MAX -> {
                if (!numeric && !temporal) {
                    problems.add(Problem.of(at + ".field", "aggregate_not_numeric", measure.field(), function.key()));
                    yield null;
                }
                yield new Part(measure, scale, List.of(function == AggregateFunction.MIN ? DSL.min(column)
                        : DSL.max(column)));
            }
        };
    }

    /**
     * Resolves relative dates and turns owner-attribute filters into owner filters, keeping each
     * filter at its index so problems name the filter the caller sent.
     */
    private List<RecordFilter> prepareFilters(Actor actor, FormDefinition definition, List<RecordFilter> filters,
                                              List<Problem> problems) {
        List<RecordFilter> prepared = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            RecordFilter filter = filters.get(i);
            if (filter == null || filter.field() == null || filter.operator() == null) {
                problems.add(Problem.of("filter[" + i + "]", "required"));
                continue;
            }
            if (OWNER_REGION.equals(filter.field()) || OWNER_TEAM.equals(filter.field())) {
                prepared.add(ownerFilter(filter, "filter[" + i + "]", problems));
                continue;
            }
            boolean datetime = DATETIME_SYSTEM.contains(filter.field()) || definition != null
                    && definition.field(filter.field()).map(f -> f.storedType() == FieldType.DATETIME).orElse(false);
            List<String> values = filter.values().stream()
                    .map(v -> relativeDates.resolve(v, datetime, actor.zone())).toList();
            prepared.add(new RecordFilter(filter.field(), filter.operator(), values));
        }
        return prepared;
    }

    private RecordFilter ownerFilter(RecordFilter filter, String at, List<Problem> problems) {
        if (filter.operator() != FilterOperator.EQ && filter.operator() != FilterOperator.IN
                || filter.values().isEmpty()) {
            problems.add(Problem.of(at, "filter_not_supported", filter.operator().key()));
            return new RecordFilter("owner", FilterOperator.BLANK, List.of());
        }
        List<String> owners = new ArrayList<>();
        for (String value : filter.values()) {
            Set<Long> ids = OWNER_REGION.equals(filter.field()) ? users.idsInRegion(value) : users.idsInTeam(value);
            ids.forEach(id -> owners.add(id.toString()));
        }
        // Nobody in that region or team: an owner id that cannot exist keeps no record.
        return new RecordFilter("owner", FilterOperator.IN, owners.isEmpty() ? List.of("-1") : owners);
    }

    @SuppressWarnings("unchecked")
    private static Field<Object> ownerAttribute(String column) {
        return (Field<Object>) (Field<?>) DSL.field(DSL.name(OWNER_ALIAS, DSL.unquotedName(column)),
                SQLDataType.VARCHAR(64));
    }

    /** A checked query, ready to run. */
    private final class Plan {
        private final Actor actor;
        private final AggregateQuery query;
        private final ScopedRecords scope;
        private final List<Dimension> dimensions;
        private final List<Part> parts;
        private final boolean joinOwner;

        Plan(Actor actor, AggregateQuery query, ScopedRecords scope, List<Dimension> dimensions, List<Part> parts,
             boolean joinOwner) {
            this.actor = actor;
            this.query = query;
            this.scope = scope;
            this.dimensions = dimensions;
            this.parts = parts;
            this.joinOwner = joinOwner;
        }

        AggregateResult execute() {
            List<Field<?>> select = new ArrayList<>();
            List<Field<?>> group = new ArrayList<>();
            for (Dimension d : dimensions) {
                select.add(d.sql());
                group.add(d.sql());
            }
            parts.forEach(p -> select.addAll(p.columns()));
            SelectJoinStep<Record> from = dsl.select(select).from(scope.table());
            if (joinOwner) {
                Table<?> owners = DSL.table(DSL.unquotedName("app_user")).as(OWNER_ALIAS);
                from = from.leftJoin(owners).on(DSL.field(DSL.name(OWNER_ALIAS, DSL.unquotedName("id")),
                        SQLDataType.BIGINT).eq(scope.ownerColumn()));
            }
            List<Record> partials = from.where(scope.where()).groupBy(group).limit(MAX_SQL_GROUPS + 1).fetch();
            if (partials.size() > MAX_SQL_GROUPS) {
                throw new ValidationException(Problem.of("groupBy", "aggregate_too_many_groups", MAX_SQL_GROUPS));
            }
            Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
            for (Record row : partials) {
                List<Object> key = new ArrayList<>();
                for (int i = 0; i < dimensions.size(); i++) {
                    Dimension d = dimensions.get(i);
                    Object value = row.get(i);
                    key.add(d.unit() != null && value != null ? d.unit().label(toDate(value)) : normalize(value));
                }
                Accumulator[] accumulators = groups.computeIfAbsent(key, k -> newAccumulators());
                int column = dimensions.size();
                for (int m = 0; m < parts.size(); m++) {
                    Part part = parts.get(m);
                    switch (part.measure().function()) {
                        case COUNT -> accumulators[m].addCount(row.get(column, Long.class));
                        case SUM -> accumulators[m].addSum(row.get(column, BigDecimal.class));
                        case AVG -> {
                            accumulators[m].addSum(row.get(column, BigDecimal.class));
                            accumulators[m].addCount(row.get(column + 1, Long.class));
                        }
                        case MIN, MAX -> accumulators[m].addExtreme(row.get(column));
                    }
                    column += part.columns().size();
                }
            }
            if (groups.isEmpty() && dimensions.isEmpty()) {
                groups.put(List.of(), newAccumulators());
            }
            return result(groups);
        }

        private Accumulator[] newAccumulators() {
            Accumulator[] accumulators = new Accumulator[parts.size()];
            for (int m = 0; m < parts.size(); m++) {
                accumulators[m] = new Accumulator(parts.get(m).measure().function(), parts.get(m).scale());
            }
            return accumulators;
        }

        private AggregateResult result(Map<List<Object>, Accumulator[]> groups) {
            FormDefinition definition = scope.form().definition();
            GroupLabels labels = new GroupLabels(records, forms, users, actor);
            List<List<Object>> keys = new ArrayList<>(groups.keySet());
            keys.sort(comparator(definition));
            int limit = query.effectiveLimit();
            List<AggregateRow> rows = new ArrayList<>();
            for (List<Object> key : keys.subList(0, Math.min(limit, keys.size()))) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < dimensions.size(); i++) {
                    Dimension d = dimensions.get(i);
                    names.add(d.unit() != null ? (String) key.get(i)
                            : labels.label(definition, d.name(), d.field(), key.get(i)));
                }
                List<Object> values = new ArrayList<>();
                for (Accumulator accumulator : groups.get(key)) {
                    values.add(accumulator.result());
                }
                rows.add(new AggregateRow(key, names, values));
            }
            List<String> dimensionNames = dimensions.stream().map(Dimension::name).toList();
            List<Measure> measures = parts.stream().map(Part::measure).toList();
            return new AggregateResult(query.form(), dimensionNames, measures, rows, keys.size() > limit);
        }

        private Comparator<List<Object>> comparator(FormDefinition definition) {
            Comparator<List<Object>> order = (a, b) -> 0;
            for (int i = 0; i < dimensions.size(); i++) {
                int index = i;
                Dimension d = dimensions.get(i);
                List<Object> defined = d.unit() == null ? GroupLabels.order(definition, d.name(), d.field()) : List.of();
                order = order.thenComparing(k -> k.get(index), Comparator.nullsLast(definedFirst(defined)));
            }
            return order;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> definedFirst(List<Object> defined) {
        return (a, b) -> {
            int ia = defined.indexOf(a);
            int ib = defined.indexOf(b);
            if (ia >= 0 || ib >= 0) {
                return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
            }
            return ((Comparable) a).compareTo(b);
        };
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.time.LocalDateTime time) {
            return time.toLocalDate();
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    private static Object normalize(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof Integer number) {
            return number.longValue();
        }
        return value;
    }
}
