package io.opensop.designer.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the panel accepts before it touches the diagram. */
class ElementPanelTest {

    @Test
    void timersTakeLiteralIsoDurationsOnly() {
        assertThat(ElementPanel.isIsoDuration("PT4H")).isTrue();
        assertThat(ElementPanel.isIsoDuration("P2D")).isTrue();
        assertThat(ElementPanel.isIsoDuration("${dueIn}")).isFalse();
        assertThat(ElementPanel.isIsoDuration("3WD")).isFalse();
    }

    @Test
    void theProcessFormIsTheFormItsUserTasksName() {
        assertThat(ProcessDesigner.formOf("<bpmn:userTask id=\"a\" camunda:formKey=\"contract#approval\"/>"))
                .isEqualTo("contract");
        assertThat(ProcessDesigner.formOf("<bpmn:startEvent id=\"s\"/>")).isNull();
    }
}
