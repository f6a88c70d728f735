package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Row and field security of a form, by role.
 *
 * @param rowScopes role to the records it sees: {@code own}, {@code team} (own and everyone
 *                  reporting to the user, transitively), {@code region} or {@code all}. When the
 *                  map is present, roles it does not name see their own records only.
 * @param fields    role to field key to {@code hidden}, {@code read_only} or {@code editable};
 *                  roles it does not name may edit every field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormAccess(Map<String, String> rowScopes, Map<String, Map<String, String>> fields) {

    public static final java.util.Set<String> SCOPES = java.util.Set.of("own", "team", "region", "all");
    public static final java.util.Set<String> FIELD_LEVELS = java.util.Set.of("hidden", "read_only", "editable");
}
