package io.opensop.runtime.template;

import io.opensop.engine.i18n.LocalizedText;

/** A template in the catalog and, when installed, the installed version and status. */
record TemplateView(String id, String version, LocalizedText name, LocalizedText description, String app,
                    String installedVersion, String status) {
}
