package io.opensop.engine.workflow.camundaforms;

import java.util.List;

/**
 * What an import of a Camunda process application made.
 *
 * @param formKey      our form definition (published) holding every Camunda form as a section
 * @param processKey   our process model (published and deployed)
 * @param sections     Camunda form id → section key ({@code formKey#section} on the user tasks)
 * @param warnings     what could not be carried over (e.g. {@code pattern}, unsupported components)
 */
public record CamundaFormsImport(String formKey, int formVersion, String processKey, int processVersion,
                                 List<String> sections, List<String> warnings) {
}
