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
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParam;
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
import io.opensop.engine.listview.SavedView;
import io.opensop.engine.listview.SavedViewService;
import io.opensop.engine.listview.ViewSettings;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.Operation;
import io.opensop.engine.transfer.ExportService;
import io.opensop.engine.transfer.ImportService;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.transfer.ImportTasks;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The records of one form: a lazily paged grid over the engine's keyset cursor (never a count, never a
 * whole table), filters by field type, sort by column, a column chooser, saved views, CSV and Excel
 * exports of exactly the current view, and the spreadsheet import. Everything goes through engine
 * services as the signed-in user.
 */
@Route(value = "forms/:form", layout = MainLayout.class)
@PermitAll
public class RecordListView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int PAGE_SIZE = 50;

    private final UiActor actors;
    private final FormService forms;
    private final RecordService records;
    private final UserDirectory users;
    private final AttachmentStore attachments;
    private final SavedViewService savedViews;
    private final ExportService exports;
    private final ImportService imports;
    private final ImportTasks importTasks;
    private final AccessPolicy policy;
    private String formKey;
    private FormDefinition definition;
    private String title = "";
    private List<RecordFilter> filters = List.of();
    private List<RecordSort> sorts = List.of();
    private Grid<FormRecord> grid;
    private CursorPager pager;
    private ColumnChooser columns;
    private FilterBar filterBar;
    /** What the list shows now; read by export downloads, which run outside the UI's lock. */
    private volatile ViewSettings snapshot = new ViewSettings("", List.of(), List.of(), List.of(), false, false);

    public RecordListView(UiActor actors, FormService forms, RecordService records, UserDirectory users,
                          AttachmentStore attachments, SavedViewService savedViews, ExportService exports,
                          ImportService imports, ImportTasks importTasks, AccessPolicy policy) {
        this.actors = actors;
        this.forms = forms;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
        this.savedViews = savedViews;
        this.exports = exports;
        this.imports = imports;
        this.importTasks = importTasks;
        this.policy = policy;
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
        definition = form;
        filters = List.of();
        title = form.label().in(getLocale());
        build(actor, form);
    }

    private void build(Actor actor, FormDefinition form) {
        RuntimeRenderContext context = new RuntimeRenderContext(actor, forms, records, users, attachments);
        ValueFormatter formatter = new ValueFormatter(context);
        List<FieldDefinition> visible = form.fieldList().stream()
                .filter(f -> f.type() != FieldType.SUB_FORM)
                .filter(f -> policy.fieldAccess(actor, form, f).visible()).toList();
        // values read through references the user may not all follow are shown but neither sorted nor filtered
        java.util.Set<String> queryable = records.queryableFields(actor, formKey);

        grid = new Grid<>();
        grid.getElement().setAttribute("data-testid", "records");
        grid.setPageSize(PAGE_SIZE);
        grid.setMultiSort(true, Grid.MultiSortPriority.APPEND);
        List<String> columnKeys = new ArrayList<>();
        grid.addColumn(FormRecord::id).setHeader(label("id")).setKey("id")
                .setSortProperty("id").setAutoWidth(true).setFlexGrow(0);
        columnKeys.add("id");
        for (FieldDefinition field : visible) {
            Grid.Column<FormRecord> column = grid.addColumn(r -> formatter.format(field, r.values().get(field.key())))
                    .setHeader(label(field)).setKey(field.key()).setResizable(true).setAutoWidth(true);
            if (sortable(field) && queryable.contains(field.key())) {
                column.setSortProperty(field.key());
            }
            columnKeys.add(field.key());
        }
        grid.addColumn(r -> r.updatedAt() == null ? "" : r.updatedAt().atZoneSameInstant(actor.zone())
                        .toLocalDateTime().withNano(0).toString().replace('T', ' '))
                .setHeader(label("updated_at")).setKey("updated_at").setSortProperty("updated_at")
                .setAutoWidth(true);
        columnKeys.add("updated_at");

        pager = new CursorPager(query -> records.list(actors.get(), formKey, query), PAGE_SIZE);
        grid.setItems(query -> {
            sorts = query.getSortOrders().stream()
                    .map(o -> new RecordSort(o.getSorted(), o.getDirection() == SortDirection.DESCENDING)).toList();
            remember();
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
        grid.addSortListener(sort -> {
            // column keys are the sort properties
            sorts = sort.getSortOrder().stream().map(o -> new RecordSort(o.getSorted().getKey(),
                    o.getDirection() == SortDirection.DESCENDING)).toList();
            remember();
        });
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(RecordView.class,
                new RouteParameters(new RouteParam("form", formKey),
                        new RouteParam("id", String.valueOf(click.getItem().id()))))));
        grid.setSizeFull();

        columns = new ColumnChooser(grid, columnKeys, this::label, this::remember);
        filterBar = new FilterBar(visible.stream().filter(f -> queryable.contains(f.key())).toList(), this::label, new FieldFilters(context), applied -> {
            filters = List.copyOf(applied);
            remember();
            refresh();
        });
        SavedViewsBar views = new SavedViewsBar(savedViews, actors::get, formKey, () -> snapshot, this::apply);
        FlexLayout tools = new FlexLayout(views, columns);
        tools.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        tools.setAlignItems(FlexComponent.Alignment.BASELINE);
        tools.getStyle().set("gap", "var(--lumo-space-s)");

        add(top(actor, form), tools, filterBar, grid);
        setFlexGrow(1, grid);
        grid.sort(GridSortOrder.desc(grid.getColumnByKey("id")).build());
        views.pickDefault();
    }

    private HorizontalLayout top(Actor actor, FormDefinition form) {
        H2 heading = new H2(title);
        heading.getStyle().set("margin", "0");
        HorizontalLayout actions = new HorizontalLayout();
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.getStyle().set("flex-wrap", "wrap");
        if (form.pipeline() != null) {
            actions.add(io.opensop.runtime.ui.kanban.KanbanView.openButton(formKey));
        }
        if (policy.allows(actor, form, Operation.CREATE) || policy.allows(actor, form, Operation.UPDATE)) {
            Button importButton = new Button(getTranslation("list.import"), VaadinIcon.UPLOAD_ALT.create(),
                    click -> new ImportDialog(imports, importTasks, actors.get(), formKey, title,
                            this::refresh).open());
            importButton.getElement().setAttribute("data-testid", "import");
            actions.add(importButton);
        }
        if (policy.allows(actor, form, Operation.EXPORT)) {
            // downloads run outside the UI, so the UI's language is taken along for the file's headers
            java.util.Locale language = getLocale();
            actions.add(new ExportLinks(exports, () -> {
                Actor current = actors.get();
                return new Actor(current.userId(), current.username(), current.roles(), language, current.zone());
            }, formKey, () -> snapshot));
        }
        if (policy.allows(actor, form, Operation.CREATE)) {
            Button create = new Button(getTranslation("list.new"), VaadinIcon.PLUS.create(),
                    click -> getUI().ifPresent(ui -> ui.navigate(RecordView.class,
                            new RouteParameters(new RouteParam("form", formKey), new RouteParam("id", "new")))));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.getElement().setAttribute("data-testid", "new-record");
            actions.add(create);
        }
        HorizontalLayout top = new HorizontalLayout(heading, actions);
        top.setWidthFull();
        top.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return top;
    }

    /** Shows a saved view: its filters in the bar, its sort on the grid, its columns. */
    private void apply(SavedView view) {
        ViewSettings settings = view.settings();
        filterBar.show(settings.filters());
        filters = filterBar.filters();
        columns.show(settings.columns());
        List<GridSortOrder<FormRecord>> order = new ArrayList<>();
        for (RecordSort sort : settings.sorts()) {
            Grid.Column<FormRecord> column = grid.getColumnByKey(sort.field());
            if (column != null) {
                order.add(new GridSortOrder<>(column, sort.descending() ? SortDirection.DESCENDING
                        : SortDirection.ASCENDING));
            }
        }
        grid.sort(order); // fires the sort listener and refetches
        remember();
        refresh();
    }

    /** Reads the list again from the first page (the pager keeps pages it has read). */
    private void refresh() {
        pager.reset();
        grid.getDataProvider().refreshAll();
    }

    private void remember() {
        snapshot = new ViewSettings("", filters, sorts, columns == null ? List.of() : columns.visible(), false, false);
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

    /** Column and filter labels: system columns from the UI bundle, fields by their own label. */
    private String label(String key) {
        return switch (key) {
            case "id" -> getTranslation("list.column.id");
            case "updated_at" -> getTranslation("list.column.updatedAt");
            case "created_at" -> getTranslation("list.column.createdAt");
            case "owner" -> getTranslation("list.column.owner");
            default -> definition.field(key).map(this::label).orElse(key);
        };
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
