package io.opensop.engine.template;

import java.time.OffsetDateTime;

/** A template installed in this system, and the version its base documents come from. */
public record TemplateInstallation(String templateId, String version, String app, String status,
                                   String installedBy, OffsetDateTime installedAt) {
}
