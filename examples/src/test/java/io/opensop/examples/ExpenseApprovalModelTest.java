package io.opensop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.workflow.approval.ApprovalFlowBuilder;
import io.opensop.engine.workflow.approval.AssigneeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The example's approval model is the approval builder's output: the claimant's manager, then a
 * countersign (会签) by every finance colleague. Regenerate the committed file with
 * {@code -Dexamples.writeBpmn=true}.
 */
class ExpenseApprovalModelTest {

    static final Path FILE = ExpenseApprovalScenarios.PACKAGE.resolve("processes/expense_approval.bpmn");

    static String generated() {
        return ApprovalFlowBuilder.flow("expense_approval", "expense_claim").name("Expense approval", "费用报销审批")
                .sequential("manager", AssigneeSpec.ofManager())
                .countersign("finance", AssigneeSpec.ofRole("finance"))
                .toBpmn();
    }

    @Test
    void theCommittedModelIsTheBuildersOutput() throws IOException {
        if (Boolean.getBoolean("examples.writeBpmn")) {
            Files.writeString(FILE, generated(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).isEqualTo(generated());
    }
}
