package io.opensop.engine;

import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.audit.RevisionLog;
import io.opensop.engine.listview.SavedViewService;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.DatabaseLookups;
import io.opensop.engine.record.Lookups;
import io.opensop.engine.record.RecordSaveHook;
import io.opensop.engine.record.AttachmentDownloads;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.SchemaManager;
import io.opensop.engine.record.StoredRecords;
import io.opensop.engine.rules.FormulaFeatures;
import io.opensop.engine.rules.FormulaRecompute;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.rules.RecordExplainer;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.template.ProcessModels;
import io.opensop.engine.template.RecordSampleDataLoader;
import io.opensop.engine.template.TemplateService;
import io.opensop.engine.transfer.ExportService;
import io.opensop.engine.transfer.ImportService;
import io.opensop.engine.transfer.ImportSettings;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.webhook.HttpWebhookSender;
import io.opensop.engine.webhook.WebhookService;
import io.opensop.engine.webhook.WebhookSettings;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Builds the engine's services from what the host provides (a jOOQ context bound to the host's
 * transactions, a clock, an access policy, an event sink). The runtime and the engine's own tests
 * wire the engine the same way through this one class.
 */
public final class EngineServices {

    private final UserDirectory users;
    private final AttachmentStore attachments;
    private final RevisionLog revisions;
    private final SchemaManager schema;
    private final FormService forms;
    private final RecordService records;
    private final Lookups lookups;
    private final FormulaRecompute recompute;
    private final RecordExplainer explainer;
    private final FormulaTools formulaTools;
    private final DSLContext dsl;
    private final Clock clock;
    private final Consumer<Object> events;
    private final ZoneId businessZone;
    private final ImportService imports;
    private final ExportService exports;
    private final WebhookService webhooks;
    private final SavedViewService savedViews;
    private final AggregateService aggregates;
    private final DashboardService dashboards;
    private final AttachmentDownloads attachmentDownloads;

    public EngineServices(DSLContext dsl, TransactionOperations transactions, Clock clock, ZoneId businessZone,
                          AccessPolicy policy, Consumer<Object> events, List<RecordSaveHook> hooks) {
        this(dsl, transactions, clock, businessZone, policy, events, hooks, FormulaRecompute.DEFAULT_BATCH_SIZE);
    }

    /**
     * @param hooks              the host's own save hooks; they run after the engine's formula hook,
     *                           so they see computed values
     * @param recomputeBatchSize rows per transaction when stored formula values are recomputed
     */
    public EngineServices(DSLContext dsl, TransactionOperations transactions, Clock clock, ZoneId businessZone,
                          AccessPolicy policy, Consumer<Object> events, List<RecordSaveHook> hooks,
                          int recomputeBatchSize) {
        this.dsl = dsl;
        this.clock = clock;
        this.businessZone = businessZone;
        this.users = new UserDirectory(dsl, clock);
        this.attachments = new AttachmentStore(dsl, clock);
        this.revisions = new RevisionLog(dsl);
        this.lookups = new DatabaseLookups(dsl, users, attachments);
        this.schema = new SchemaManager(dsl, transactions, lookups, clock);
        // Webhooks see every event inside the saving transaction (their outbox row commits or rolls
        // back with the save), then the host's sink gets it.
        AtomicReference<WebhookService> webhookSink = new AtomicReference<>();
        Consumer<Object> routed = event -> {
            WebhookService sink = webhookSink.get();
            if (sink != null) {
                sink.onEvent(event);
            }
            events.accept(event);
        };
        this.events = routed;
        this.forms = new FormService(dsl, transactions, schema, policy, clock);
        StoredRecords stored = new StoredRecords(dsl, forms, revisions, clock);
        FormulaFeatures formulas = new FormulaFeatures(forms, stored, transactions, clock, businessZone, routed,
                recomputeBatchSize);
        AtomicReference<RecordService> recordService = new AtomicReference<>();
        this.attachmentDownloads = new AttachmentDownloads(dsl, attachments, forms, policy, recordService::get);
        List<RecordSaveHook> allHooks = new ArrayList<>();
        allHooks.add(formulas.saveHook());
        allHooks.add(attachmentDownloads.saveHook());
        allHooks.addAll(hooks);
        this.records = new RecordService(dsl, transactions, forms, policy, lookups, revisions, routed, clock,
                businessZone, allHooks);
        recordService.set(records);
        records.addDerivedInputs(formulas.derivedInputs());
        this.recompute = formulas.recompute();
        forms.addPublishCheck(formulas.publishCheck());
        forms.addPublishListener(recompute);
        this.explainer = formulas.explainer(records);
        this.formulaTools = formulas.tools(policy, lookups, records);
        this.imports = new ImportService(dsl, transactions, forms, policy, records, lookups, users, clock,
                ImportSettings.DEFAULT);
        this.exports = new ExportService(forms, policy, records, users);
        this.webhooks = new WebhookService(dsl, transactions, forms, policy, records, users, clock,
                new HttpWebhookSender(WebhookSettings.DEFAULT.timeout()), WebhookSettings.DEFAULT);
        webhookSink.set(webhooks);
        this.savedViews = new SavedViewService(dsl, transactions, forms, policy, records, clock);
        this.aggregates = new AggregateService(dsl, records, forms, users, clock);
        this.dashboards = new DashboardService(dsl, transactions, aggregates, clock);
    }

    /** Counts, sums and averages of records, grouped, with the actor's permissions. */
    public AggregateService aggregates() {
        return aggregates;
    }

    /** Dashboards: versioned definitions and their data per viewer. */
    public DashboardService dashboards() {
        return dashboards;
    }

    /** Spreadsheet imports: upload, dry run, commit, resume. */
    public ImportService imports() {
        return imports;
    }

    /** CSV and .xlsx exports of list views. */
    public ExportService exports() {
        return exports;
    }

    /** Saved record-list views (filters, sorts, columns) per user and form. */
    public SavedViewService savedViews() {
        return savedViews;
    }

    /** Webhook subscriptions and the delivery outbox. */
    public WebhookService webhooks() {
        return webhooks;
    }

    /** Recomputes stored formula and roll-up values of a form; runs by itself after a publish that changes them. */
    public FormulaRecompute formulaRecompute() {
        return recompute;
    }

    /** "Why this value" for formula fields of stored records. */
    public RecordExplainer explainer() {
        return explainer;
    }

    /** Checking and trying formulas in the formula editor. */
    public FormulaTools formulaTools() {
        return formulaTools;
    }

    /** Template packages; {@code processModels} stores their BPMN models (ProcessModels.NONE without workflow). */
    public TemplateService templates(ProcessModels processModels) {
        return new TemplateService(dsl, forms, processModels, new RecordSampleDataLoader(records, users), clock,
                dashboards);
    }

    /** Where the engine announces what happened (record changes, workflow notifications), inside the transaction. */
    public Consumer<Object> events() {
        return events;
    }

    /** The zone formulas see as "today". */
    public ZoneId businessZone() {
        return businessZone;
    }

    public UserDirectory users() {
        return users;
    }

    public AttachmentStore attachments() {
        return attachments;
    }

    /** Downloads of uploaded files, checked against the records that reference them. */
    public AttachmentDownloads attachmentDownloads() {
        return attachmentDownloads;
    }

    public RevisionLog revisions() {
        return revisions;
    }

    public SchemaManager schema() {
        return schema;
    }

    public FormService forms() {
        return forms;
    }

    public RecordService records() {
        return records;
    }

    public Lookups lookups() {
        return lookups;
    }
}
