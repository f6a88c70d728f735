package io.opensop.engine.listview;

import io.opensop.engine.security.Actor;
import java.time.OffsetDateTime;

/** A stored view; {@code version} guards concurrent edits of the same view. */
public record SavedView(long id, String formKey, String owner, long version, ViewSettings settings,
                        OffsetDateTime updatedAt) {

    public boolean ownedBy(Actor actor) {
        return owner.equals(actor.username());
    }
}
