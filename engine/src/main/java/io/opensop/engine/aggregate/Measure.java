package io.opensop.engine.aggregate;

/** One computed value per group, e.g. {@code {"function":"sum","field":"amount"}}; a count may omit the field. */
public record Measure(AggregateFunction function, String field) {

    public static Measure count() {
        return new Measure(AggregateFunction.COUNT, null);
    }

    public static Measure of(AggregateFunction function, String field) {
        return new Measure(function, field);
    }
}
