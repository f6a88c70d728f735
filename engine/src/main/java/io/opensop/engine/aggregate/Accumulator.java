package io.opensop.engine.aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Folds the partial results of one measure (per SQL group) into the group a person sees: counts
 * and sums add up, minimums and maximums compare, an average is the exact sum divided by the count
 * at the end. This is what lets a period group many days, and keeps averages identical on H2 and
 * PostgreSQL (their AVG differ in scale).
 */
final class Accumulator {

    private final AggregateFunction function;
    private final int scale;
    private long count;
    private BigDecimal sum;
    private Object extreme;

    Accumulator(AggregateFunction function, int scale) {
        this.function = function;
        this.scale = scale;
    }

    void addCount(Long partial) {
        count += partial == null ? 0 : partial;
    }

    void addSum(BigDecimal partial) {
        if (partial != null) {
            sum = sum == null ? partial : sum.add(partial);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void addExtreme(Object partial) {
        if (partial == null) {
            return;
        }
        if (partial instanceof OffsetDateTime time) {
            partial = time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (extreme == null) {
            extreme = partial;
            return;
        }
        int order = ((Comparable) partial).compareTo(extreme);
        if (function == AggregateFunction.MIN ? order < 0 : order > 0) {
            extreme = partial;
        }
    }

    Object result() {
        return switch (function) {
            case COUNT -> count;
            case SUM -> (sum == null ? BigDecimal.ZERO : sum).setScale(scale, RoundingMode.HALF_EVEN);
            case AVG -> sum == null || count == 0 ? null
                    : sum.divide(BigDecimal.valueOf(count), scale + 2, RoundingMode.HALF_EVEN);
            case MIN, MAX -> extreme instanceof BigDecimal d ? d.setScale(scale, RoundingMode.HALF_EVEN) : extreme;
        };
    }
}
