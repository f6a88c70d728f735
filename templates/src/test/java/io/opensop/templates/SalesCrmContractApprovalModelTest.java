package io.opensop.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.workflow.approval.AssigneeSpec;
import io.opensop.engine.workflow.approval.ApprovalFlowBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package's contract approval model is what the approval-flow builder writes: sales manager
 * (the owner's manager), then legal, then finance. Regenerate the committed file with
 * {@code -Dsalescrm.writeBpmn=true}.
 */
class SalesCrmContractApprovalModelTest {

    static final Path FILE = Path.of("src/main/resources/templates/sales-crm/processes/contract_approval.bpmn");

    static String generated() {
        return ApprovalFlowBuilder.flow("contract_approval", "contract").name("Contract approval", "合同审批")
                .sequential("manager", AssigneeSpec.ofManager())
                .sequential("legal", AssigneeSpec.ofRole("legal"))
                .sequential("finance", AssigneeSpec.ofRole("finance"))
                .toBpmn();
    }

    @Test
    void theCommittedModelIsTheBuildersOutput() throws IOException {
        if (Boolean.getBoolean("salescrm.writeBpmn")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).isEqualTo(generated());
    }
}
