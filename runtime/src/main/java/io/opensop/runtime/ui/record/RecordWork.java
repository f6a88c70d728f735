package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.runtime.ui.task.TaskView;
import java.util.List;

/** Whether a process runs for the record, and the record's open tasks that the actor may work on. */
class RecordWork extends Div {

    RecordWork(Actor actor, WorkflowService workflow, String formKey, long id) {
        getElement().setAttribute("data-testid", "record-work");
        boolean running = workflow.running(formKey, id);
        Span status = new Span(getTranslation(running ? "work.running" : "work.none"));
        status.getElement().setAttribute("data-testid", "process-status");
        status.getElement().setAttribute("data-running", String.valueOf(running));
        add(status);
        List<WorkTask> mine = workflow.tasks(actor).stream()
                .filter(t -> formKey.equals(t.recordFormKey()) && Long.valueOf(id).equals(t.recordId())).toList();
        if (!mine.isEmpty()) {
            UnorderedList list = new UnorderedList();
            for (WorkTask task : mine) {
                RouterLink link = new RouterLink(TaskView.class, new RouteParameters("id", task.id()));
                link.setText(getTranslation("work.task", task.name() == null ? task.activityId() : task.name()));
                list.add(new ListItem(link));
            }
            add(list);
        }
    }
}
