package io.opensop.engine.workflow;

import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.template.ProcessModels;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Lets template packages store and deploy their BPMN models through the model repository. */
public final class ProcessModelsAdapter implements ProcessModels {

    private final ProcessModelService models;

    public ProcessModelsAdapter(ProcessModelService models) {
        this.models = models;
    }

    @Override
    public Optional<String> draftXml(Actor actor, String key) {
        try {
            return Optional.of(models.draft(actor, key).xml());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    @Override
    public void importAndPublish(Actor actor, String key, String xml) {
        models.importModel(actor, key, xml.getBytes(StandardCharsets.UTF_8));
        models.publish(actor, key);
    }

    @Override
    public void updateAndPublish(Actor actor, String key, String xml) {
        long revision = models.draft(actor, key).draftRevision();
        models.updateDraft(actor, key, revision, xml.getBytes(StandardCharsets.UTF_8));
        models.publish(actor, key);
    }
}
