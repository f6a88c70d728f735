package io.opensop.engine.workflow;

import java.util.List;

/**
 * What changed between two versions, by BPMN element id (diagram shapes and edges have ids too):
 * elements only in {@code to} are added, only in {@code from} removed, in both but different changed.
 */
public record ProcessModelDiff(String key, int from, int to, List<String> added, List<String> removed,
                               List<String> changed) {
}
