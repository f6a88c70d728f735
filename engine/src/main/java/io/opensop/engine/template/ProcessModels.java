package io.opensop.engine.template;

import io.opensop.engine.security.Actor;
import java.util.Optional;

/**
 * The slice of the process-model repository that templates need; the workflow feature provides
 * it, so template packages work with or without the embedded process engine.
 */
public interface ProcessModels {

    Optional<String> draftXml(Actor actor, String key);

    void importAndPublish(Actor actor, String key, String xml);

    void updateAndPublish(Actor actor, String key, String xml);

    ProcessModels NONE = new ProcessModels() {
        @Override
        public Optional<String> draftXml(Actor actor, String key) {
            return Optional.empty();
        }

        @Override
        public void importAndPublish(Actor actor, String key, String xml) {
            throw new IllegalStateException("no process engine to deploy " + key);
        }

        @Override
        public void updateAndPublish(Actor actor, String key, String xml) {
            throw new IllegalStateException("no process engine to deploy " + key);
        }
    };
}
