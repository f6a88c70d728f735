package io.opensop.engine.record;

/**
 * One row of the column registry: {@code fieldPath} is a field key, or {@code subForm.column} for
 * a sub-form column. Inactive columns belong to hidden fields or to a field's type before a retype.
 */
record ColumnEntry(String fieldPath, String columnName, String fieldType, String sqlType, boolean active) {

    int generation() {
        String key = fieldPath.contains(".") ? fieldPath.substring(fieldPath.indexOf('.') + 1) : fieldPath;
        String base = SqlNames.column(key, 1);
        if (columnName.equals(base)) {
            return 1;
        }
        return Integer.parseInt(columnName.substring(base.length() + 1));
    }
}
