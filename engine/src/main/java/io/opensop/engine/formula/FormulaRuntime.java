package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The only object generated MVEL code can touch: every operator and function is a method here, so
 * MVEL's own coercing arithmetic is never used. One instance serves one evaluation; it fixes "now"
 * so TODAY() is the same everywhere in a formula, and remembers field and reference reads.
 *
 * <p>Public only because MVEL calls it reflectively; instances are created by the engine alone.
 * Every method's first argument is the id of the node being evaluated, recorded in {@link #at} so a
 * failure can be reported at the right place in the formula text.
 */
public final class FormulaRuntime {

    private final Object[] constants;
    private final Binding[] bindings;
    private final Map<String, Object> values;
    private final FormulaContext ctx;
    private final ZonedDateTime now;
    private final Map<Binding, Object> fieldCache = new HashMap<>();
    private final Map<String, Map<String, Object>> referenced = new HashMap<>();
    int at;

    FormulaRuntime(Object[] constants, Binding[] bindings, Map<String, Object> values, FormulaContext ctx) {
        this.constants = constants;
        this.bindings = bindings;
        this.values = values == null ? Map.of() : values;
        this.ctx = ctx;
        this.now = ZonedDateTime.now(ctx.clock()).withZoneSameInstant(ctx.zone());
    }

    // ---- values ----

    /** A literal, pre-built at compile time so no user text is ever part of MVEL source. */
    public Object c(int index) {
        return constants[index];
    }

    /** The value a field reference reads. */
    public Object f(int id) {
        at = id;
        Binding b = bindings[id];
        if (fieldCache.containsKey(b)) {
            return fieldCache.get(b);
        }
        Object value = switch (b.kind()) {
            case FIELD -> Values.coerce(values.get(b.key()), b.type(), ctx.zone());
            case COLUMN -> column(b);
            case THROUGH_REFERENCE -> throughReference(b);
        };
        fieldCache.put(b, value);
        return value;
    }

    private Object column(Binding b) {
        Object rows = values.get(b.key());
        List<Object> column = new ArrayList<>();
        if (rows == null) {
            return column;
        }
        if (!(rows instanceof List<?> list)) {
            throw new EvaluationFailure("bad_value", rows.getClass().getSimpleName(), b.type());
        }
        FormulaType element = ((FormulaType.ListOf) b.type()).element();
        for (Object row : list) {
            Object cell = row instanceof Map<?, ?> m ? m.get(b.member()) : null;
            column.add(Values.coerce(cell, element, ctx.zone()));
        }
        return column;
    }

    private Object throughReference(Binding b) {
        Object id = values.get(b.key());
        if (id == null) {
            return null;
        }
        if (!(id instanceof Long || id instanceof Integer || id instanceof BigDecimal)) {
            throw new EvaluationFailure("bad_value", id.getClass().getSimpleName(), FormulaType.NUMBER);
        }
        long recordId = ((Number) id).longValue();
        Map<String, Object> record = referenced.computeIfAbsent(b.targetForm() + "#" + recordId, k -> {
            Map<String, Object> found = ctx.resolver().values(b.targetForm(), recordId);
            return found == null ? Map.of() : found;
        });
        return Values.coerce(record.get(b.member()), b.type(), ctx.zone());
    }

    // ---- logic ----

    /** Blank and FALSE are false: conditions over empty fields simply do not hold. */
    public boolean truth(Object value) {
        return Boolean.TRUE.equals(value);
    }

    public Boolean op_not(int id, Object value) {
        at = id;
        return !truth(value);
    }

    public Boolean op_eq(int id, Object a, Object b) {
        at = id;
        return Compare.eq(a, b);
    }

    public Boolean op_ne(int id, Object a, Object b) {
        at = id;
        return a != null && b != null && !Compare.eq(a, b);
    }

    public Boolean op_lt(int id, Object a, Object b) {
        Integer o = order(id, a, b);
        return o != null && o < 0;
    }

    public Boolean op_le(int id, Object a, Object b) {
        Integer o = order(id, a, b);
        return o != null && o <= 0;
    }

    public Boolean op_gt(int id, Object a, Object b) {
        Integer o = order(id, a, b);
        return o != null && o > 0;
    }

    public Boolean op_ge(int id, Object a, Object b) {
        Integer o = order(id, a, b);
        return o != null && o >= 0;
    }

    private Integer order(int id, Object a, Object b) {
        at = id;
        return Compare.order(a, b);
    }

    // ---- arithmetic ----

    public BigDecimal op_neg(int id, Object a) {
        at = id;
        return Decimals.of(a).negate();
    }

    public BigDecimal op_add(int id, Object a, Object b) {
        at = id;
        return Decimals.fit(Decimals.of(a).add(Decimals.of(b)));
    }

    public BigDecimal op_sub(int id, Object a, Object b) {
        at = id;
        return Decimals.fit(Decimals.of(a).subtract(Decimals.of(b)));
    }

    public BigDecimal op_mul(int id, Object a, Object b) {
        at = id;
        return Decimals.fit(Decimals.of(a).multiply(Decimals.of(b)));
    }

    public BigDecimal op_div(int id, Object a, Object b) {
        at = id;
        return Decimals.divide(Decimals.of(a), Decimals.of(b));
    }

    public BigDecimal op_mod(int id, Object a, Object b) {
        at = id;
        return Decimals.mod(Decimals.of(a), Decimals.of(b));
    }

    public BigDecimal op_pow(int id, Object a, Object b) {
        at = id;
        return Decimals.pow(Decimals.of(a), Decimals.of(b));
    }

    /** date + n and date - n: whole days; a blank date stays blank. */
    public Object op_add_days(int id, Object date, Object days) {
        at = id;
        return plusDays(date, Decimals.of(days));
    }

    public Object op_sub_days(int id, Object date, Object days) {
        at = id;
        return plusDays(date, Decimals.of(days).negate());
    }

    /** date - date: the days between them, blank if either is blank. */
    public BigDecimal op_days_between(int id, Object end, Object start) {
        at = id;
        if (end == null || start == null) {
            return null;
        }
        return BigDecimal.valueOf(ChronoUnit.DAYS.between(date(start), date(end)));
    }

    public String op_concat(int id, Object a, Object b) {
        at = id;
        return Texts.bounded(Texts.of(a) + Texts.of(b));
    }

    // ---- argument lists of variadic functions ----

    public List<Object> one(Object first) {
        List<Object> list = new ArrayList<>();
        list.add(first);
        return list;
    }

    public List<Object> more(List<Object> list, Object next) {
        list.add(next);
        return list;
    }

    // ---- functions ----

    public Boolean fn_isblank(int id, Object value) {
        at = id;
        return Texts.isBlank(value);
    }

    public Object fn_blankvalue(int id, Object value, Object fallback) {
        at = id;
        return Texts.isBlank(value) ? fallback : value;
    }

    /** Picks the result of the first case equal to the subject; arguments arrive as one list. */
    public Object fn_switch(int id, List<Object> args) {
        at = id;
        Object subject = args.get(0);
        int n = args.size();
        boolean hasDefault = (n - 1) % 2 == 1;
        int pairsEnd = hasDefault ? n - 1 : n;
        for (int i = 1; i < pairsEnd; i += 2) {
            if (Compare.eq(subject, args.get(i))) {
                return args.get(i + 1);
            }
        }
        return hasDefault ? args.get(n - 1) : null;
    }

    public BigDecimal fn_round(int id, Object value, Object digits) {
        return round(id, value, digits, RoundingMode.HALF_UP);
    }

    public BigDecimal fn_roundup(int id, Object value, Object digits) {
        return round(id, value, digits, RoundingMode.UP);
    }

    public BigDecimal fn_rounddown(int id, Object value, Object digits) {
        return round(id, value, digits, RoundingMode.DOWN);
    }

    private BigDecimal round(int id, Object value, Object digits, RoundingMode mode) {
        at = id;
        int places = Decimals.wholeNumber(Decimals.of(digits), -Decimals.MAX_SCALE, Decimals.MAX_SCALE, "round_digits");
        BigDecimal rounded = Decimals.of(value).setScale(places, mode);
        return places < 0 ? rounded.setScale(0) : rounded;
    }

    public BigDecimal fn_abs(int id, Object value) {
        at = id;
        return Decimals.of(value).abs();
    }

    public BigDecimal fn_sum(int id, List<Object> args) {
        at = id;
        BigDecimal sum = BigDecimal.ZERO;
        for (Object v : Aggregates.flatten(args)) {
            sum = Decimals.fit(sum.add((BigDecimal) v));
        }
        return sum;
    }

    public BigDecimal fn_avg(int id, List<Object> args) {
        at = id;
        List<Object> items = Aggregates.flatten(args);
        if (items.isEmpty()) {
            return null;
        }
        return Decimals.divide(fn_sum(id, items), BigDecimal.valueOf(items.size()));
    }

    public Object fn_min(int id, List<Object> args) {
        at = id;
        return Aggregates.extreme(args, -1);
    }

    public Object fn_max(int id, List<Object> args) {
        at = id;
        return Aggregates.extreme(args, 1);
    }

    public BigDecimal fn_count(int id, List<Object> args) {
        at = id;
        return BigDecimal.valueOf(Aggregates.flatten(args).size());
    }

    public BigDecimal fn_countif(int id, Object list, Object criterion, Object elementType) {
        at = id;
        Predicate<Object> test = criterion(criterion, (FormulaType.Scalar) elementType);
        long count = 0;
        for (Object v : (List<?>) list) {
            if (test.test(v)) {
                count++;
            }
        }
        return BigDecimal.valueOf(count);
    }

    public BigDecimal fn_sumif(int id, Object list, Object criterion, Object sumList, Object elementType) {
        at = id;
        Predicate<Object> test = criterion(criterion, (FormulaType.Scalar) elementType);
        List<?> range = (List<?>) list;
        List<?> summed = sumList == null ? range : (List<?>) sumList;
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < range.size() && i < summed.size(); i++) {
            if (test.test(range.get(i)) && summed.get(i) != null) {
                sum = Decimals.fit(sum.add((BigDecimal) summed.get(i)));
            }
        }
        return sum;
    }

    private static Predicate<Object> criterion(Object criterion, FormulaType.Scalar element) {
        if (criterion instanceof String text && element != FormulaType.TEXT) {
            Predicate<Object> parsed = Criteria.parse(text, element);
            if (parsed == null) {
                throw new EvaluationFailure("invalid_criteria", text, element);
            }
            return parsed;
        }
        if (criterion instanceof String text) {
            return Criteria.parse(text, element);
        }
        return Criteria.equalTo(criterion);
    }

    public LocalDate fn_today(int id) {
        at = id;
        return now.toLocalDate();
    }

    public OffsetDateTime fn_now(int id) {
        at = id;
        return now.toOffsetDateTime();
    }

    /** DATE(2024, 2, 30) is blank, not March 1st: silently rolling over hides typing mistakes. */
    public LocalDate fn_date(int id, Object year, Object month, Object day) {
        at = id;
        if (year == null || month == null || day == null) {
            return null;
        }
        try {
            return LocalDate.of(Decimals.wholeNumber((BigDecimal) year, 1, 9999, "date_out_of_range"),
                    Decimals.wholeNumber((BigDecimal) month, 1, 12, "date_out_of_range"),
                    Decimals.wholeNumber((BigDecimal) day, 1, 31, "date_out_of_range"));
        } catch (DateTimeException | EvaluationFailure invalid) {
            return null;
        }
    }

    public BigDecimal fn_year(int id, Object value) {
        at = id;
        return value == null ? null : BigDecimal.valueOf(date(value).getYear());
    }

    public BigDecimal fn_month(int id, Object value) {
        at = id;
        return value == null ? null : BigDecimal.valueOf(date(value).getMonthValue());
    }

    public BigDecimal fn_day(int id, Object value) {
        at = id;
        return value == null ? null : BigDecimal.valueOf(date(value).getDayOfMonth());
    }

    public BigDecimal fn_days(int id, Object end, Object start) {
        return op_days_between(id, end, start);
    }

    /** end − start in hours, exact to the millisecond (a date is its midnight in the context zone). */
    public BigDecimal fn_hours(int id, Object end, Object start) {
        at = id;
        if (end == null || start == null) {
            return null;
        }
        long millis = instant(end).toEpochMilli() - instant(start).toEpochMilli();
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(3_600_000L), 10, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }

    private java.time.Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return ((LocalDate) value).atStartOfDay(ctx.zone()).toInstant();
    }

    public Object fn_adddays(int id, Object value, Object days) {
        at = id;
        return plusDays(value, Decimals.of(days));
    }

    public BigDecimal fn_networkdays(int id, Object start, Object end) {
        at = id;
        if (start == null || end == null) {
            return null;
        }
        return BigDecimal.valueOf(ctx.calendar().networkDays(date(start), date(end)));
    }

    public LocalDate fn_workday(int id, Object start, Object days) {
        at = id;
        if (start == null) {
            return null;
        }
        int n = Decimals.wholeNumber(Decimals.of(days), -WorkCalendar.MAX_WORKING_DAYS,
                WorkCalendar.MAX_WORKING_DAYS, "workday_range");
        try {
            return ctx.calendar().addWorkingDays(date(start), n);
        } catch (DateTimeException outOfRange) {
            throw new EvaluationFailure("date_out_of_range", 1, 9999);
        }
    }

    private Object plusDays(Object value, BigDecimal days) {
        if (value == null) {
            return null;
        }
        long n = Decimals.wholeNumber(days, -3_650_000, 3_650_000, "date_out_of_range");
        try {
            if (value instanceof OffsetDateTime t) {
                return t.plusDays(n);
            }
            return ((LocalDate) value).plusDays(n);
        } catch (DateTimeException outOfRange) {
            throw new EvaluationFailure("date_out_of_range", 1, 9999);
        }
    }

    /** A date-time counts as the date it falls on in the context's zone. */
    private LocalDate date(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(ctx.zone()).toLocalDate();
        }
        return (LocalDate) value;
    }

    public String fn_concat(int id, List<Object> args) {
        at = id;
        StringBuilder text = new StringBuilder();
        for (Object v : args) {
            text.append(Texts.of(v));
            Texts.bounded(text.toString());
        }
        return text.toString();
    }

    public String fn_left(int id, Object text, Object count) {
        at = id;
        return Texts.codePoints(Texts.str(text), 0, count(count, 1));
    }

    public String fn_right(int id, Object text, Object count) {
        at = id;
        String s = Texts.str(text);
        int n = count(count, 1);
        int length = Texts.length(s);
        return Texts.codePoints(s, Math.max(0, length - n), n);
    }

    /** MID(text, start, count) with start counted from 1, as in spreadsheets. */
    public String fn_mid(int id, Object text, Object start, Object count) {
        at = id;
        int from = count(start, 1);
        return from < 1 ? "" : Texts.codePoints(Texts.str(text), from - 1, count(count, 0));
    }

    private static int count(Object value, int blankDefault) {
        if (value == null) {
            return blankDefault;
        }
        return Decimals.wholeNumber((BigDecimal) value, Integer.MIN_VALUE, Integer.MAX_VALUE, "out_of_range");
    }

    public BigDecimal fn_len(int id, Object text) {
        at = id;
        return BigDecimal.valueOf(Texts.length(Texts.str(text)));
    }

    public String fn_upper(int id, Object text) {
        at = id;
        return Texts.bounded(Texts.str(text).toUpperCase(Locale.ROOT));
    }

    public String fn_lower(int id, Object text) {
        at = id;
        return Texts.bounded(Texts.str(text).toLowerCase(Locale.ROOT));
    }

    public String fn_trim(int id, Object text) {
        at = id;
        return Texts.str(text).strip();
    }

    /** Substring test on text, membership test on a list of text (multi-select). */
    public Boolean fn_contains(int id, Object haystack, Object needle) {
        at = id;
        if (haystack == null || needle == null) {
            return false;
        }
        if (haystack instanceof List<?> list) {
            return list.contains(needle);
        }
        return ((String) haystack).contains((String) needle);
    }

    public String fn_text(int id, Object value, Object pattern) {
        at = id;
        return Texts.bounded(Formats.format(value, (String) pattern));
    }

    /** Text to number; anything that is not a plain decimal (optionally with thousands separators or %) is blank. */
    public BigDecimal fn_value(int id, Object text) {
        at = id;
        return Aggregates.parseNumber(Texts.str(text));
    }
}
