package io.opensop.engine.metadata;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.security.Actor;

/** Told after a new version is committed, outside the publish transaction and lock. */
@FunctionalInterface
public interface PublishListener {

    /** @param previous the definition that was current before, null on the first publish */
    void published(Actor actor, FormDefinition previous, PublishedForm current);
}
