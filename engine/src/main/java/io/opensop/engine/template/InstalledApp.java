package io.opensop.engine.template;

import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.record.PublishedForm;
import java.util.List;

/**
 * An installed template's app as one user's launcher shows it.
 *
 * @param name  the template's name (en and zh-CN) as its manifest gave it
 * @param forms the published forms of the app the user may read, by form key
 */
public record InstalledApp(String templateId, String app, LocalizedText name, List<PublishedForm> forms) {
}
