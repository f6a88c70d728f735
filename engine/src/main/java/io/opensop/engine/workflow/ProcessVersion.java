package io.opensop.engine.workflow;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One published, immutable version of a model. {@code deployed} is false when the model has no
 * executable process: it is stored (and can be exported) but does not run; {@code note} says why.
 * {@code processKeys} are the ids of the executable processes it deployed.
 */
public record ProcessVersion(String key, int version, boolean deployed, List<String> processKeys, String note,
                             String publishedBy, OffsetDateTime publishedAt) {

    public static final String NOT_EXECUTABLE = "not_executable";

    public ProcessVersion {
        processKeys = processKeys == null ? List.of() : List.copyOf(processKeys);
    }
}
