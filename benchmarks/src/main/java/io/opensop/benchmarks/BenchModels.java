package io.opensop.benchmarks;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;

/** The BPMN models the benchmarks deploy: a straight line of user tasks on one form. */
final class BenchModels {

    /** One user task: its id and name, and who gets it (an assignee expression or a candidate group). */
    record Step(String id, String name, String assignee, String candidateGroup) {

        static Step assignedTo(String id, String name, String assignee) {
            return new Step(id, name, assignee, null);
        }

        static Step forGroup(String id, String name, String group) {
            return new Step(id, name, null, group);
        }
    }

    private BenchModels() {
    }

    /** start → each step in order → end, every task on {@code formKey}; with diagram shapes, as XML. */
    static String userTasksInSequence(String processId, String name, String formKey, Step... steps) {
        ProcessBuilder process = Bpmn.createExecutableProcess(processId).name(name);
        AbstractFlowNodeBuilder<?, ?> last = process.startEvent("start");
        for (Step step : steps) {
            var task = last.userTask(step.id()).name(step.name()).camundaFormKey(formKey);
            if (step.assignee() != null) {
                task.camundaAssignee(step.assignee());
            }
            if (step.candidateGroup() != null) {
                task.camundaCandidateGroups(step.candidateGroup());
            }
            last = task;
        }
        return Bpmn.convertToString(last.endEvent("end").done());
    }
}
