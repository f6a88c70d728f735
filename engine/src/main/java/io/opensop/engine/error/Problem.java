package io.opensop.engine.error;

import java.util.List;

/**
 * One thing wrong with an input. {@code field} names where (a field key, a sub-form path such as
 * {@code lines[2].qty}, or a JSON path such as {@code $.fields[3].key}); {@code code} is stable for
 * clients; {@code args} fill the localized message that {@link io.opensop.engine.i18n.EngineMessages} renders.
 */
public record Problem(String field, String code, List<Object> args) {

    public Problem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Problem of(String field, String code, Object... args) {
        return new Problem(field, code, List.of(args));
    }
}
