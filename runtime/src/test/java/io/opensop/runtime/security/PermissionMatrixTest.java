package io.opensop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.aggregate.AggregateResult;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.aggregate.Measure;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.Actor;
import io.opensop.engine.transfer.ExportFormat;
import io.opensop.engine.transfer.ExportService;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.api.ApiClient;
import io.opensop.runtime.ui.UiActor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * Every role × operation × surface, from one table of what each role may do and see: the engine
 * services as the Vaadin views call them (with {@link UiActor}'s actor), REST, exports, and counts.
 * Both what is allowed and what is refused are asserted, and a refused write leaves the record as
 * it was. The org chart: a director above a manager above two reps, a rep in another team under
 * another manager, finance scoped to its region, legal and a read-only role seeing everything but a
 * hidden field, and a custom role ({@code key_account}) that sees its own records only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:matrix;DB_CLOSE_DELAY=-1")
class PermissionMatrixTest {

    static final String FORM = "pm_deal";
    /** Only this test's users exist in its database; a plain-text password keeps hundreds of sign-ins cheap. */
    static final String PASSWORD = "matrix";

    enum Surface { UI_SERVICE, REST, EXPORT, AGGREGATE }

    enum Op {
        CREATE, READ, UPDATE, DELETE, LIST, DESIGN, EXPORT, COUNT,
        /** Filtering on the field some roles may not see: allowed only for those who see it. */
        FILTER_HIDDEN,
        /** Sorting on that field, which would reveal its order. */
        SORT_HIDDEN
    }

    enum Outcome { ALLOWED, FORBIDDEN, NOT_FOUND, UNKNOWN_FIELD }

    /**
     * What one user may do. {@code sees} names the records (by owner) the user's row scope covers;
     * {@code seesCost} whether the {@code cost} field is visible.
     */
    record Role(String user, String role, Set<Op> may, Set<String> sees, boolean seesCost) {
        @Override
        public String toString() {
            return user + "(" + role + ")";
        }
    }

    static final List<Role> ROLES = List.of(
            new Role("pm_admin", "admin", EnumSet.of(Op.CREATE, Op.READ, Op.UPDATE, Op.DELETE, Op.DESIGN, Op.EXPORT),
                    Set.of("A", "B", "C", "K"), true),
            new Role("pm_designer", "designer", EnumSet.of(Op.DESIGN), Set.of(), true),
            new Role("pm_director", "sales_director", EnumSet.of(Op.READ, Op.EXPORT), Set.of("A", "B"), true),
            new Role("pm_manager", "sales_manager", EnumSet.of(Op.CREATE, Op.READ, Op.UPDATE, Op.DELETE, Op.EXPORT),
                    Set.of("A", "B"), true),
            new Role("pm_rep_a", "sales_rep", EnumSet.of(Op.CREATE, Op.READ, Op.UPDATE), Set.of("A"), false),
            new Role("pm_rep_c", "sales_rep", EnumSet.of(Op.CREATE, Op.READ, Op.UPDATE), Set.of("C"), false),
            new Role("pm_finance", "finance", EnumSet.of(Op.READ, Op.EXPORT), Set.of("A", "B"), false),
            new Role("pm_legal", "legal", EnumSet.of(Op.READ), Set.of("A", "B", "C", "K"), false),
            new Role("pm_viewer", "read_only", EnumSet.of(Op.READ), Set.of("A", "B", "C", "K"), false),
            new Role("pm_kam", "key_account", EnumSet.of(Op.CREATE, Op.READ, Op.UPDATE), Set.of("K"), true));

    /** Record owner to the record's name; the owners' ids are looked up after set-up. */
    static final Map<String, String> OWNERS = Map.of("A", "pm_rep_a", "B", "pm_rep_b", "C", "pm_rep_c", "K", "pm_kam");

    record Case(Role role, Surface surface, Op op, String target) {
        @Override
        public String toString() {
            return role + " " + op + (target == null ? "" : " " + target) + " via " + surface + " → " + expected();
        }

        Outcome expected() {
            boolean reads = role.may.contains(Op.READ);
            return switch (op) {
                case CREATE, DESIGN -> role.may.contains(op) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                case LIST, COUNT -> reads ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                // the form itself is unknown to whoever may not read its records
                case EXPORT -> !reads ? Outcome.NOT_FOUND : role.may.contains(Op.EXPORT) ? Outcome.ALLOWED
                        : Outcome.FORBIDDEN;
                case READ, UPDATE, DELETE -> !role.may.contains(op) ? Outcome.FORBIDDEN
                        : role.sees.contains(target) ? Outcome.ALLOWED : Outcome.NOT_FOUND;
                case FILTER_HIDDEN, SORT_HIDDEN -> {
                    if (surface == Surface.EXPORT) {
                        yield !reads ? Outcome.NOT_FOUND : !role.may.contains(Op.EXPORT) ? Outcome.FORBIDDEN
                                : role.seesCost ? Outcome.ALLOWED : Outcome.UNKNOWN_FIELD;
                    }
                    yield !reads ? Outcome.FORBIDDEN : role.seesCost ? Outcome.ALLOWED : Outcome.UNKNOWN_FIELD;
                }
            };
        }
    }

    static Stream<Case> matrix() {
        List<Case> cases = new ArrayList<>();
        for (Role role : ROLES) {
            for (Surface surface : List.of(Surface.UI_SERVICE, Surface.REST)) {
                for (Op op : List.of(Op.CREATE, Op.LIST, Op.DESIGN, Op.FILTER_HIDDEN, Op.SORT_HIDDEN)) {
                    cases.add(new Case(role, surface, op, null));
                }
                for (Op op : List.of(Op.READ, Op.UPDATE, Op.DELETE)) {
                    for (String target : List.of("A", "C")) {
                        cases.add(new Case(role, surface, op, target));
                    }
                }
            }
            cases.add(new Case(role, Surface.EXPORT, Op.EXPORT, null));
            cases.add(new Case(role, Surface.EXPORT, Op.FILTER_HIDDEN, null));
            cases.add(new Case(role, Surface.AGGREGATE, Op.COUNT, null));
            cases.add(new Case(role, Surface.AGGREGATE, Op.FILTER_HIDDEN, null));
        }
        return cases.stream();
    }

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    RecordService records;
    @Autowired
    FormService forms;
    @Autowired
    ExportService exports;
    @Autowired
    UiActor uiActor;
    @Autowired
    AggregateService aggregates;

    /** Record name (A, B, C, K) to id; filled once, the application context is shared by every case. */
    static final Map<String, Long> IDS = new HashMap<>();

    @BeforeEach
    void organisation() {
        if (!IDS.isEmpty()) {
            return;
        }
        long director = user("pm_director", null, "east", "sales_director");
        long manager = user("pm_manager", director, "east", "sales_manager");
        long managerWest = user("pm_manager_w", null, "west", "sales_manager");
        user("pm_rep_a", manager, "east", "sales_rep");
        user("pm_rep_b", manager, "east", "sales_rep");
        user("pm_rep_c", managerWest, "west", "sales_rep");
        user("pm_finance", null, "east", "finance");
        user("pm_legal", null, null, "legal");
        user("pm_viewer", null, null, "read_only");
        user("pm_kam", null, "north", "key_account");
        user("pm_admin", null, null, "admin");
        user("pm_designer", null, null, "designer");
        Actor designer = actorOf("pm_designer");
        forms.create(designer, FormJson.read("""
                {"key":"pm_deal","label":{"en":"Deal","zh-CN":"交易"},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true},
                   {"key":"note","type":"text","label":{"en":"Note"}},
                   {"key":"cost","type":"money","label":{"en":"Cost"}},
                   {"key":"contract_file","type":"attachment","label":{"en":"Contract file"}}],
                 "permissions":{
                   "create":["sales_rep","sales_manager","key_account"],
                   "read":["sales_rep","sales_manager","sales_director","finance","legal","read_only","key_account"],
                   "update":["sales_rep","sales_manager","key_account"],
                   "delete":["sales_manager"],
                   "export":["sales_manager","sales_director","finance"]},
                 "access":{
                   "rowScopes":{"sales_rep":"own","sales_manager":"team","sales_director":"team","finance":"region",
                                "legal":"all","read_only":"all","key_account":"own"},
                   "fields":{"sales_rep":{"cost":"hidden"},"finance":{"cost":"hidden"},"legal":{"cost":"hidden"},"read_only":{"cost":"hidden","contract_file":"hidden"},
                             "key_account":{"cost":"read_only"}}}}
                """));
        forms.publish(designer, FORM, false);
        OWNERS.forEach((name, owner) -> IDS.put(name,
                records.create(actorOf(owner), FORM, Map.of("name", "Deal " + name)).id()));
        Map<String, Object> cost = Map.of("cost", 100);
        records.update(actorOf("pm_manager"), FORM, IDS.get("A"), 1, cost);
        records.update(actorOf("pm_manager"), FORM, IDS.get("B"), 1, cost);
        records.update(Actor.system(), FORM, IDS.get("C"), 1, cost);
        records.update(Actor.system(), FORM, IDS.get("K"), 1, cost);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyRoleOperationAndSurfaceGetsWhatTheTableSays(Case c) {
        Map<Long, Long> versionsBefore = versions();
        Outcome actual = switch (c.surface()) {
            case UI_SERVICE -> viaService(c);
            case REST -> viaRest(c);
            case EXPORT -> viaExport(c);
            case AGGREGATE -> viaAggregate(c);
        };
        assertThat(actual).as(c.toString()).isEqualTo(c.expected());
        if (actual != Outcome.ALLOWED || !Set.of(Op.UPDATE, Op.DELETE, Op.CREATE).contains(c.op())) {
            assertThat(versions()).as("nothing was written by a refused or reading call").isEqualTo(versionsBefore);
        }
    }

    @Test
    void aRecordOutOfScopeIsAnsweredExactlyLikeOneThatDoesNotExist() {
        ApiClient otherTeam = ApiClient.as(port, "pm_rep_c", PASSWORD);
        String path = "/api/forms/" + FORM + "/records/";
        long missing = 9_999_999L;
        for (String suffix : List.of("", "/history")) {
            ApiClient.Response hidden = otherTeam.get(path + IDS.get("A") + suffix);
            ApiClient.Response absent = otherTeam.get(path + missing + suffix);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.text()).isEqualTo(absent.text());
        }
        ApiClient.Response hiddenWrite = otherTeam.patch(path + IDS.get("A"), Map.of("version", 1,
                "values", Map.of("note", "x")));
        ApiClient.Response absentWrite = otherTeam.patch(path + missing, Map.of("version", 1,
                "values", Map.of("note", "x")));
        assertThat(hiddenWrite.status()).isEqualTo(404);
        assertThat(hiddenWrite.text()).isEqualTo(absentWrite.text());
    }

    @Test
    void aReaderGetsTheFormDefinitionAndTheFormListWithoutTheFieldsHiddenFromThem() {
        for (Role role : ROLES) {
            if (!role.may().contains(Op.READ)) {
                continue;
            }
            ApiClient.Response form = ApiClient.as(port, role.user(), PASSWORD).get("/api/forms/" + FORM);
            assertThat(form.status()).as(role.toString()).isEqualTo(200);
            List<String> keys = form.json().get("definition").get("fields").findValuesAsText("key");
            assertThat(keys).as(role.toString()).contains("name", "note");
            assertThat(keys.contains("cost")).as(role + " is told of cost").isEqualTo(role.seesCost());
            com.fasterxml.jackson.databind.JsonNode listed = null;
            for (com.fasterxml.jackson.databind.JsonNode entry : ApiClient.as(port, role.user(), PASSWORD)
                    .get("/api/forms").json()) {
                if (entry.get("key").asText().equals(FORM)) {
                    listed = entry;
                }
            }
            assertThat(listed).as(role + " finds the form in the list").isNotNull();
            assertThat(listed.get("definition").get("fields").findValuesAsText("key").contains("cost"))
                    .as(role + " is told of cost by the list").isEqualTo(role.seesCost());
        }
        assertThat(ApiClient.as(port, "pm_designer", PASSWORD).get("/api/forms/" + FORM).json().get("definition")
                .get("fields").findValuesAsText("key")).as("designers edit the whole draft").contains("cost");
    }

    @Test
    void aFileIsDownloadedOnlyByThoseWhoMayReadARecordShowingIt() {
        ApiClient repA = ApiClient.as(port, "pm_rep_a", PASSWORD);
        String fileId = repA.upload("/api/attachments", "offer.pdf", "application/pdf",
                "%PDF-1.7 offer".getBytes(StandardCharsets.US_ASCII)).json().get("id").asText();
        long id = IDS.get("A");
        ApiClient.Response saved = repA.patch("/api/forms/" + FORM + "/records/" + id,
                Map.of("version", version(id), "values", Map.of("contract_file", List.of(fileId))));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);

        for (String reader : List.of("pm_rep_a", "pm_manager", "pm_director", "pm_legal", "pm_admin")) {
            ApiClient.Response download = ApiClient.as(port, reader, PASSWORD).get("/api/attachments/" + fileId);
            assertThat(download.status()).as(reader).isEqualTo(200);
            assertThat(download.text()).isEqualTo("%PDF-1.7 offer");
            assertThat(download.header("Content-Disposition")).startsWith("attachment");
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        ApiClient.Response absent = ApiClient.as(port, "pm_rep_c", PASSWORD)
                .get("/api/attachments/00000000-0000-4000-8000-000000000000");
        for (String stranger : List.of("pm_rep_c", "pm_kam", "pm_designer", "pm_viewer")) {
            ApiClient.Response refused = ApiClient.as(port, stranger, PASSWORD).get("/api/attachments/" + fileId);
            assertThat(refused.status()).as(stranger + ": other team, own scope, no read, hidden field")
                    .isEqualTo(404);
            assertThat(refused.text()).as("no hint that the file exists").isEqualTo(absent.text());
        }
        ApiClient.Response stolen = ApiClient.as(port, "pm_rep_c", PASSWORD).patch("/api/forms/" + FORM
                + "/records/" + IDS.get("C"), Map.of("version", version(IDS.get("C")),
                "values", Map.of("contract_file", List.of(fileId))));
        assertThat(stolen.status()).as("a known id cannot be copied into one's own record").isEqualTo(422);
        assertThat(stolen.json().get("errors").findValuesAsText("code")).containsExactly("unknown_attachment");
    }

    // ---- surfaces

    private Outcome viaService(Case c) {
        return outcomeOf(() -> {
            Actor actor = asUiUser(c.role().user());
            switch (c.op()) {
                case CREATE -> {
                    FormRecord created = records.create(actor, FORM, Map.of("name", "by " + c.role().user()));
                    records.delete(Actor.system(), FORM, created.id(), created.version());
                }
                case READ -> assertVisible(c.role(), records.get(actor, FORM, IDS.get(c.target())));
                case UPDATE -> {
                    long id = IDS.get(c.target());
                    FormRecord saved = records.update(actor, FORM, id, version(id), Map.of("note", "by " + c.role()));
                    assertThat(saved.values()).containsEntry("note", "by " + c.role());
                }
                case DELETE -> {
                    long id = IDS.get(c.target());
                    FormRecord deleted = records.delete(actor, FORM, id, version(id));
                    assertThat(deleted.deleted()).isTrue();
                    records.restore(Actor.system(), FORM, id, deleted.version());
                }
                case LIST -> assertSees(c.role(), page(actor, List.of(), List.of()).items());
                case DESIGN -> forms.publish(actor, FORM, true);
                case FILTER_HIDDEN -> page(actor, List.of(new RecordFilter("cost", FilterOperator.GT,
                        List.of("0"))), List.of());
                case SORT_HIDDEN -> page(actor, List.of(), List.of(new RecordSort("cost", true)));
                default -> fail("not a service case: " + c);
            }
            return Outcome.ALLOWED;
        });
    }

    private Outcome viaRest(Case c) {
        ApiClient api = ApiClient.as(port, c.role().user(), PASSWORD);
        String path = "/api/forms/" + FORM + "/records";
        Long id = c.target() == null ? null : IDS.get(c.target());
        ApiClient.Response response = switch (c.op()) {
            case CREATE -> api.post(path, Map.of("values", Map.of("name", "by " + c.role().user())));
            case READ -> api.get(path + "/" + id);
            case UPDATE -> api.patch(path + "/" + id, Map.of("version", version(id),
                    "values", Map.of("note", "rest by " + c.role())));
            case DELETE -> api.delete(path + "/" + id + "?version=" + version(id));
            case LIST -> api.get(path + "?limit=100");
            case DESIGN -> api.post("/api/forms/" + FORM + "/publish?dryRun=true", "");
            case FILTER_HIDDEN -> api.get(path + "?filter=cost:gt:0");
            case SORT_HIDDEN -> api.get(path + "?sort=-cost");
            default -> throw new IllegalArgumentException(c.toString());
        };
        Outcome outcome = outcomeOf(response);
        if (outcome == Outcome.ALLOWED) {
            switch (c.op()) {
                case CREATE -> records.delete(Actor.system(), FORM,
                        response.json().get("id").asLong(), response.json().get("version").asLong());
                case READ -> assertThat(response.json().get("values").has("cost")).as(c.toString())
                        .isEqualTo(c.role().seesCost());
                case DELETE -> records.restore(Actor.system(), FORM, id, response.json().get("version").asLong());
                case LIST -> {
                    List<String> names = new ArrayList<>();
                    response.json().get("items").forEach(item -> {
                        names.add(item.get("values").get("name").asText());
                        assertThat(item.get("values").has("cost")).as(c.toString()).isEqualTo(c.role().seesCost());
                    });
                    assertThat(new TreeSet<>(names)).as(c.toString()).isEqualTo(expectedNames(c.role()));
                }
                default -> { }
            }
        }
        return outcome;
    }

    /** The REST download and the export service the UI's export button uses must agree, cell for cell. */
    private Outcome viaExport(Case c) {
        String query = c.op() == Op.FILTER_HIDDEN ? "?filter=cost:gt:0" : "";
        ApiClient.Response response = ApiClient.as(port, c.role().user(), PASSWORD)
                .get("/api/forms/" + FORM + "/export.csv" + query);
        Outcome rest = outcomeOf(response);
        Outcome service = outcomeOf(() -> {
            List<RecordFilter> filters = c.op() == Op.FILTER_HIDDEN
                    ? List.of(new RecordFilter("cost", FilterOperator.GT, List.of("0"))) : List.of();
            ExportService.Export export = exports.prepare(asUiUser(c.role().user()), FORM, filters, List.of(),
                    ExportFormat.CSV);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                export.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (c.op() == Op.EXPORT) {
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(response.text());
            }
            return Outcome.ALLOWED;
        });
        assertThat(service).as("export service and REST agree for " + c).isEqualTo(rest);
        if (rest == Outcome.ALLOWED && c.op() == Op.EXPORT) {
            List<String> lines = response.text().lines().toList();
            assertThat(lines.get(0).contains("Cost")).as("cost column for " + c).isEqualTo(c.role().seesCost());
            Set<String> names = new TreeSet<>();
            for (String name : List.of("Deal A", "Deal B", "Deal C", "Deal K")) {
                if (response.text().contains(name)) {
                    names.add(name);
                }
            }
            assertThat(names).as(c.toString()).isEqualTo(expectedNames(c.role()));
        }
        return rest;
    }

    /**
     * Counts as lists and dashboards show them: the list's count and the dashboards' aggregate query, each
     * through REST and through the engine service, must see the same records and refuse the hidden field
     * alike.
     */
    private Outcome viaAggregate(Case c) {
        String filter = c.op() == Op.FILTER_HIDDEN ? "&filter=cost:gt:0" : "";
        ApiClient.Response response = ApiClient.as(port, c.role().user(), PASSWORD)
                .get("/api/forms/" + FORM + "/records?count=true&limit=1" + filter);
        Outcome rest = outcomeOf(response);
        Outcome service = outcomeOf(() -> {
            List<RecordFilter> filters = c.op() == Op.FILTER_HIDDEN
                    ? List.of(new RecordFilter("cost", FilterOperator.GT, List.of("0"))) : List.of();
            RecordPage page = records.list(asUiUser(c.role().user()), FORM,
                    new RecordQuery(filters, List.of(), 1, null, true, false));
            assertThat(page.count()).as(c.toString()).isEqualTo((long) c.role().sees().size());
            return Outcome.ALLOWED;
        });
        assertThat(service).as("service and REST agree for " + c).isEqualTo(rest);
        if (rest == Outcome.ALLOWED) {
            assertThat(response.json().get("count").asLong()).as(c.toString()).isEqualTo(c.role().sees().size());
        }
        List<RecordFilter> filters = c.op() == Op.FILTER_HIDDEN
                ? List.of(new RecordFilter("cost", FilterOperator.GT, List.of("0"))) : List.of();
        ApiClient.Response aggregateResponse = ApiClient.as(port, c.role().user(), PASSWORD).post("/api/aggregates",
                Map.of("form", FORM, "measures", List.of(Map.of("function", "count")), "filters", filters));
        Outcome aggregateRest = outcomeOf(aggregateResponse);
        Outcome aggregateService = outcomeOf(() -> {
            AggregateResult result = aggregates.run(asUiUser(c.role().user()),
                    new AggregateQuery(FORM, List.of(Measure.count()), List.of(), null, filters, null));
            assertThat(((Number) result.single()).longValue()).as(c.toString()).isEqualTo(c.role().sees().size());
            return Outcome.ALLOWED;
        });
        assertThat(aggregateRest).as("aggregate REST agrees with the list count for " + c).isEqualTo(rest);
        assertThat(aggregateService).as("aggregate service agrees for " + c).isEqualTo(rest);
        if (aggregateRest == Outcome.ALLOWED) {
            assertThat(aggregateResponse.json().path("rows").get(0).path("values").get(0).asLong())
                    .as(c.toString()).isEqualTo(c.role().sees().size());
        }
        return rest;
    }

    // ---- helpers

    private Outcome outcomeOf(Supplier<Outcome> call) {
        try {
            return call.get();
        } catch (AccessDeniedException e) {
            return Outcome.FORBIDDEN;
        } catch (NotFoundException e) {
            return Outcome.NOT_FOUND;
        } catch (ValidationException e) {
            assertThat(e.problems()).extracting(Problem::code).containsOnly("unknown_field");
            return Outcome.UNKNOWN_FIELD;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Outcome outcomeOf(ApiClient.Response response) {
        return switch (response.status()) {
            case 200, 201 -> Outcome.ALLOWED;
            case 403 -> Outcome.FORBIDDEN;
            case 404 -> Outcome.NOT_FOUND;
            case 422 -> {
                assertThat(response.json().get("errors").findValuesAsText("code")).containsOnly("unknown_field");
                yield Outcome.UNKNOWN_FIELD;
            }
            default -> fail("unexpected " + response);
        };
    }

    /** Signs the user in the way the UI does and asks {@link UiActor} for the engine's actor. */
    private Actor asUiUser(String username) {
        UserAccount account = users.byUsername(username).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, account.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()));
        return uiActor.get();
    }

    private RecordPage page(Actor actor, List<RecordFilter> filters, List<RecordSort> sorts) {
        return records.list(actor, FORM, new RecordQuery(filters, sorts, 100, null, false, false));
    }

    private static void assertVisible(Role role, FormRecord record) {
        assertThat(record.values().containsKey("cost")).as(role + " sees cost").isEqualTo(role.seesCost());
    }

    private static void assertSees(Role role, List<FormRecord> items) {
        Set<String> names = new TreeSet<>();
        items.forEach(r -> {
            names.add((String) r.values().get("name"));
            assertVisible(role, r);
        });
        assertThat(names).as(role + " sees").isEqualTo(expectedNames(role));
    }

    private static Set<String> expectedNames(Role role) {
        Set<String> names = new TreeSet<>();
        role.sees().forEach(s -> names.add("Deal " + s));
        return names;
    }

    private long version(long id) {
        return records.get(Actor.system(), FORM, id).version();
    }

    private Map<Long, Long> versions() {
        Map<Long, Long> versions = new LinkedHashMap<>();
        IDS.values().forEach(id -> versions.put(id, version(id)));
        return versions;
    }

    private long user(String name, Long managerId, String region, String role) {
        return users.create(new NewUser(name, "{noop}" + PASSWORD, name, null, "en", "Asia/Shanghai", managerId,
                region, region, Set.of(role))).id();
    }

    private Actor actorOf(String username) {
        UserAccount account = users.byUsername(username).orElseThrow();
        return new Actor(account.id(), account.username(), account.roles(), java.util.Locale.ENGLISH,
                java.time.ZoneId.of(account.zoneId()));
    }
}
