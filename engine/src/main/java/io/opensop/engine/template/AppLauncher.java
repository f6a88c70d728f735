package io.opensop.engine.template;

import io.opensop.engine.record.PublishedForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user may open, grouped by installed app: each installed app with the forms of its app key the
 * user may read (an app with none is left out), then every readable form of no installed app.
 */
public record AppLauncher(List<InstalledApp> apps, List<PublishedForm> otherForms) {

    /**
     * @param installed the installed apps in display order (their {@code forms} are ignored)
     * @param readable  the published forms the user may read
     */
    static AppLauncher group(List<InstalledApp> installed, List<PublishedForm> readable) {
        Map<String, List<PublishedForm>> byApp = new LinkedHashMap<>();
        List<PublishedForm> others = new ArrayList<>();
        for (InstalledApp app : installed) {
            byApp.putIfAbsent(app.app(), new ArrayList<>());
        }
        for (PublishedForm form : readable) {
            List<PublishedForm> appForms = form.definition().app() == null ? null : byApp.get(form.definition().app());
            (appForms == null ? others : appForms).add(form);
        }
        List<InstalledApp> apps = new ArrayList<>();
        for (InstalledApp app : installed) {
            // two templates naming the same app key: the first one shows its forms
            List<PublishedForm> forms = byApp.remove(app.app());
            if (forms != null && !forms.isEmpty()) {
                apps.add(new InstalledApp(app.templateId(), app.app(), app.name(), List.copyOf(forms)));
            }
        }
        return new AppLauncher(List.copyOf(apps), List.copyOf(others));
    }
}
