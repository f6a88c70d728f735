package io.opensop.engine.error;

/** An input exceeded a size limit. */
public class TooLargeException extends EngineException {

    private final String field;
    private final long limit;

    public TooLargeException(String field, long limit) {
        super(field + " exceeds the limit of " + limit + " bytes");
        this.field = field;
        this.limit = limit;
    }

    public String field() {
        return field;
    }

    public long limit() {
        return limit;
    }
}
