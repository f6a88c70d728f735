package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.opensop.designer.render.ValueFormatter;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The records of one form: a lazily paged grid, server-side sort and filters, and "New". */
@Route(value = "forms/:form", layout = MainLayout.class)
@PermitAll
public class RecordListView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int PAGE_SIZE = 50;
    private static final List<FilterOperator> OPERATORS = List.of(FilterOperator.EQ, FilterOperator.NE,
            FilterOperator.CONTAINS, FilterOperator.LT, FilterOperator.LE, FilterOperator.GT, FilterOperator.GE,
            FilterOperator.BLANK, FilterOperator.NOT_BLANK);

    private final UiActor actors;
    private final FormService forms;
    private final RecordService records;
    private final UserDirectory users;
    private final AttachmentStore attachments;
    private String formKey;
    private String title = "";
    private List<RecordFilter> filters = List.of();

    public RecordListView(UiActor actors, FormService forms, RecordService records, UserDirectory users,
                          AttachmentStore attachments) {
        this.actors = actors;
        this.forms = forms;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        formKey = event.getRouteParameters().get("form").orElse("");
        Actor actor = actors.get();
        FormDefinition form;
        try {
            forms.published(actor, formKey);
            // only the fields the user may see get a column and a filter choice
            form = records.visibleDefinition(actor, formKey);
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
            return;
        }
        removeAll();
        title = form.label().in(getLocale());
        build(actor, form);
    }

    private void build(Actor actor, FormDefinition form) {
        ValueFormatter formatter = new ValueFormatter(new RuntimeRenderContext(actor, forms, records, users,
                attachments));
        H2 heading = new H2(title);
        heading.getStyle().set("margin", "0");
        Button create = new Button(getTranslation("list.new"), VaadinIcon.PLUS.create(),
                click -> getUI().ifPresent(ui -> ui.navigate(RecordView.class,
                        new RouteParameters(new com.vaadin.flow.router.RouteParam("form", formKey),
                                new com.vaadin.flow.router.RouteParam("id", "new")))));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.getElement().setAttribute("data-testid", "new-record");
        HorizontalLayout top = new HorizontalLayout(heading, create);
        top.setWidthFull();
        top.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        List<FieldDefinition> columns = form.fieldList().stream()
                .filter(f -> f.type() != FieldType.SUB_FORM).toList();
        Grid<FormRecord> grid = new Grid<>();
        grid.getElement().setAttribute("data-testid", "records");
        grid.setPageSize(PAGE_SIZE);
        grid.setMultiSort(true, Grid.MultiSortPriority.APPEND);
        grid.addColumn(FormRecord::id).setHeader(getTranslation("list.column.id")).setKey("id")
                .setSortProperty("id").setAutoWidth(true).setFlexGrow(0);
        for (FieldDefinition field : columns) {
            Grid.Column<FormRecord> column = grid.addColumn(r -> formatter.format(field, r.values().get(field.key())))
                    .setHeader(label(field)).setKey(field.key()).setResizable(true).setAutoWidth(true);
            if (sortable(field)) {
                column.setSortProperty(field.key());
            }
        }
        grid.addColumn(r -> r.updatedAt() == null ? "" : r.updatedAt().atZoneSameInstant(actor.zone())
                        .toLocalDateTime().withNano(0).toString().replace('T', ' '))
                .setHeader(getTranslation("list.column.updatedAt")).setKey("updated_at").setSortProperty("updated_at")
                .setAutoWidth(true);

        CursorPager pager = new CursorPager(query -> records.list(actors.get(), formKey, query), PAGE_SIZE);
        grid.setItems(query -> {
            List<RecordSort> sorts = query.getSortOrders().stream()
                    .map(o -> new RecordSort(o.getSorted(), o.getDirection() == SortDirection.DESCENDING)).toList();
            try {
                return pager.fetch(filters, sorts, query.getOffset(), query.getLimit()).stream();
            } catch (ValidationException e) {
                notifyProblem(e.problems().stream().map(p -> EngineMessages.render(p, getLocale()))
                        .collect(Collectors.joining("; ")));
                return java.util.stream.Stream.empty();
            } catch (EngineException e) {
                notifyProblem(e.getMessage());
                return java.util.stream.Stream.empty();
            }
        });
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(RecordView.class,
                new RouteParameters(new com.vaadin.flow.router.RouteParam("form", formKey),
                        new com.vaadin.flow.router.RouteParam("id", String.valueOf(click.getItem().id()))))));
        grid.sort(GridSortOrder.desc(grid.getColumnByKey("id")).build());
        grid.setSizeFull();

        add(top, filterBar(columns, grid), grid);
        setFlexGrow(1, grid);
    }

    private FlexLayout filterBar(List<FieldDefinition> columns, Grid<FormRecord> grid) {
        Select<FieldDefinition> field = new Select<>();
        field.setLabel(getTranslation("list.filter.field"));
        field.setItems(columns);
        field.setItemLabelGenerator(this::label);
        Select<FilterOperator> operator = new Select<>();
        operator.setLabel(getTranslation("list.filter.operator"));
        operator.setItems(OPERATORS);
        operator.setItemLabelGenerator(o -> getTranslation("op." + o.key()));
        operator.setValue(FilterOperator.EQ);
        TextField value = new TextField(getTranslation("list.filter.value"));
        value.setClearButtonVisible(true);
        operator.addValueChangeListener(e -> value.setEnabled(e.getValue() != FilterOperator.BLANK
                && e.getValue() != FilterOperator.NOT_BLANK));
        Button apply = new Button(getTranslation("list.filter.apply"), VaadinIcon.FILTER.create(), click -> {
            if (field.getValue() == null || operator.getValue() == null) {
                return;
            }
            List<String> values = new ArrayList<>();
            if (value.isEnabled()) {
                values.add(optionKey(field.getValue(), value.getValue().trim()));
            }
            filters = List.of(new RecordFilter(field.getValue().key(), operator.getValue(), values));
            grid.getDataProvider().refreshAll();
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_CONTRAST);
        Button clear = new Button(getTranslation("list.filter.clear"), click -> {
            field.clear();
            value.clear();
            filters = List.of();
            grid.getDataProvider().refreshAll();
        });
        FlexLayout bar = new FlexLayout(field, operator, value, apply, clear);
        bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.getStyle().set("gap", "var(--lumo-space-s)");
        bar.getElement().setAttribute("data-testid", "filter-bar");
        return bar;
    }

    /** People type an option's label in any language; the engine filters by its key. */
    private static String optionKey(FieldDefinition field, String typed) {
        if (field.type() == FieldType.SINGLE_SELECT || field.type() == FieldType.MULTI_SELECT) {
            return field.optionList().stream().filter(o -> o.key().equals(typed)
                            || o.label() != null && o.label().matches(typed))
                    .map(io.opensop.engine.form.SelectOption::key).findFirst().orElse(typed);
        }
        return typed;
    }

    private static boolean sortable(FieldDefinition field) {
        return switch (field.storedType()) {
            case MULTI_SELECT, ATTACHMENT, SIGNATURE, SUB_FORM -> false;
            default -> true;
        };
    }

    private String label(FieldDefinition field) {
        return field.label() == null ? field.key() : field.label().in(getLocale());
    }

    private void notifyProblem(String message) {
        Notification.show(getTranslation("list.problem", message), 5000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return title;
    }

}
