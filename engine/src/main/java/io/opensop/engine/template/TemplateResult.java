package io.opensop.engine.template;

import java.util.List;

/** What an install or upgrade did, or for a dry run would do. */
public record TemplateResult(String templateId, String fromVersion, String toVersion, boolean dryRun,
                             List<TemplateChange> changes) {

    public List<TemplateChange> conflicts() {
        return changes.stream().filter(c -> c.kind().equals("conflict")).toList();
    }
}
