package io.opensop.designer.render;

import java.io.Serializable;

/** A user or record offered by a picker: its id and the text people see. Equal by id only. */
public record Choice(long id, String label) implements Serializable {

    @Override
    public boolean equals(Object o) {
        return o instanceof Choice other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
