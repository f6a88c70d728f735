package io.opensop.engine.template;

/**
 * One line of an install or upgrade report.
 *
 * @param document {@code form:<key>} or {@code process:<key>}
 * @param path     where in the document (JSON path with keyed elements, e.g. {@code $.fields[amount].label})
 * @param kind     {@code added}, {@code upstream} (the template's change is applied), {@code customer_kept}
 *                 (a local change the template did not touch), {@code conflict} (both changed it; the
 *                 local version is kept), {@code unchanged}
 */
public record TemplateChange(String document, String path, String kind) {
}
