package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.RouteParam;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.layout.MainLayout;
import java.util.List;
import java.util.Locale;

/**
 * Records of other forms that reference this one (e.g. a customer's opportunities and contracts), by
 * each reference field that targets this form: the newest {@link #SHOWN} per field, as the actor may
 * read them, with a link to the filtered list when there are more.
 */
class RelatedRecords extends Div {

    static final int SHOWN = 10;

    RelatedRecords(Actor actor, FormService forms, RecordService records, String formKey, long id, Locale locale) {
        getElement().setAttribute("data-testid", "related-records");
        int groups = 0;
        for (FormDraft draft : MainLayout.publishedForms(forms, actor)) {
            FormDefinition other;
            try {
                other = forms.published(actor, draft.key()).definition();
            } catch (EngineException e) {
                continue;
            }
            for (FieldDefinition field : other.fieldList()) {
                if (field.type() != FieldType.REFERENCE || !formKey.equals(field.target())) {
                    continue;
                }
                RecordPage page;
                try {
                    page = records.list(actor, other.key(), new RecordQuery(
                            List.of(new RecordFilter(field.key(), FilterOperator.EQ, List.of(String.valueOf(id)))),
                            List.of(new RecordSort("updated_at", true)), SHOWN, null, false, false));
                } catch (EngineException e) {
                    continue; // a field hidden from the actor, or a form they may not list
                }
                if (page.items().isEmpty()) {
                    continue;
                }
                groups++;
                add(new H4(getTranslation("related.group", other.label().in(locale), field.label().in(locale))));
                UnorderedList list = new UnorderedList();
                for (FormRecord related : page.items()) {
                    RouterLink link = new RouterLink(RecordView.class, new RouteParameters(
                            new RouteParam("form", other.key()), new RouteParam("id", String.valueOf(related.id()))));
                    link.setText(RuntimeRenderContext.title(other, related));
                    list.add(new ListItem(link));
                }
                if (page.next() != null) {
                    list.add(new ListItem(getTranslation("related.more")));
                }
                add(list);
            }
        }
        if (groups == 0) {
            add(new Paragraph(getTranslation("related.none")));
        }
    }
}
