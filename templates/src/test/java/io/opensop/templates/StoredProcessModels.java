package io.opensop.templates;

import io.opensop.engine.security.Actor;
import io.opensop.engine.template.ProcessModels;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a package's BPMN models in memory without deploying them, for scenarios that exercise
 * forms, rules and sample data only (ProcessModels.NONE refuses packages that ship processes).
 */
final class StoredProcessModels implements ProcessModels {

    private final Map<String, String> models = new ConcurrentHashMap<>();

    @Override
    public Optional<String> draftXml(Actor actor, String key) {
        return Optional.ofNullable(models.get(key));
    }

    @Override
    public void importAndPublish(Actor actor, String key, String xml) {
        models.put(key, xml);
    }

    @Override
    public void updateAndPublish(Actor actor, String key, String xml) {
        models.put(key, xml);
    }
}
