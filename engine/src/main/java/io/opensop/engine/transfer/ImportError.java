package io.opensop.engine.transfer;

import java.util.List;

/** Why one row was refused: file row number, column header (null for the whole row), code and message. */
public record ImportError(String phase, long row, String column, String field, String code, String message,
                          List<String> cells) {

    public static final String DRY_RUN = "dry_run";
    public static final String COMMIT = "commit";
}
