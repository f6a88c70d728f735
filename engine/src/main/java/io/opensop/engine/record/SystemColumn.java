package io.opensop.engine.record;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** The system attributes a list may filter and sort on, by their API name. */
enum SystemColumn {
    ID("id", SqlNames.ID, SQLDataType.BIGINT),
    OWNER("owner", SqlNames.OWNER_ID, SQLDataType.BIGINT),
    STAGE("stage", SqlNames.STAGE, SQLDataType.VARCHAR(64)),
    CREATED_BY("created_by", SqlNames.CREATED_BY, SQLDataType.VARCHAR(64)),
    CREATED_AT("created_at", SqlNames.CREATED_AT, SQLDataType.OFFSETDATETIME),
    UPDATED_BY("updated_by", SqlNames.UPDATED_BY, SQLDataType.VARCHAR(64)),
    UPDATED_AT("updated_at", SqlNames.UPDATED_AT, SQLDataType.OFFSETDATETIME);

    final String apiName;
    final String column;
    final DataType<?> type;

    SystemColumn(String apiName, String column, DataType<?> type) {
        this.apiName = apiName;
        this.column = column;
        this.type = type;
    }

    static Optional<SystemColumn> find(String apiName) {
        return Arrays.stream(values()).filter(c -> c.apiName.equals(apiName)).findFirst();
    }

    /** Only the owner and the stage may be blank; the other system columns are NOT NULL. */
    boolean nullable() {
        return this == OWNER || this == STAGE;
    }

    Object parse(String text) {
        if (type == SQLDataType.BIGINT) {
            return Long.parseLong(text);
        }
        if (type == SQLDataType.OFFSETDATETIME) {
            return OffsetDateTime.parse(text);
        }
        return text;
    }
}
