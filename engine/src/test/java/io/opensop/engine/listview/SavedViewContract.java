package io.opensop.engine.listview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saved list views on a real database: per-user storage, one default, sharing, checks and conflicts. */
abstract class SavedViewContract {

    private HikariDataSource dataSource;
    private SavedViewService views;
    private Actor rep;
    private Actor otherRep;
    private Actor stranger;

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void setUp() {
        dataSource = newDatabase();
        EngineServices engine = new EngineHarness(dataSource).engine;
        Actor admin = EngineHarness.admin();
        rep = actor(engine, "view_rep_a", "sales_rep");
        otherRep = actor(engine, "view_rep_b", "sales_rep");
        stranger = actor(engine, "view_finance", "finance");
        engine.forms().create(admin, FormJson.read("""
                {"key":"lead","label":{"en":"Lead","zh-CN":"线索"},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"}},
                   {"key":"score","type":"number","label":{"en":"Score","zh-CN":"评分"}},
                   {"key":"secret","type":"text","label":{"en":"Secret","zh-CN":"机密"}}],
                 "permissions":{"create":["sales_rep"],"read":["sales_rep"]},
                 "access":{"fields":{"sales_rep":{"secret":"hidden"}}}}
                """));
        engine.forms().publish(admin, "lead", false);
        views = engine.savedViews();
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    private static Actor actor(EngineServices engine, String name, String role) {
        UserAccount account = engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai",
                null, null, null, Set.of(role)));
        return new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH, ZoneId.of("Asia/Shanghai"));
    }

    private static ViewSettings settings(String name, boolean isDefault, boolean shared) {
        return new ViewSettings(name, List.of(new RecordFilter("score", FilterOperator.BETWEEN, List.of("10", "20")),
                new RecordFilter("name", FilterOperator.CONTAINS, List.of("华东"))),
                List.of(new RecordSort("score", true)), List.of("id", "name", "score"), isDefault, shared);
    }

    @Test
    void aViewKeepsItsFiltersSortsAndColumnsAndOnlyItsOwnerSeesIt() {
        SavedView saved = views.create(rep, "lead", settings("High scores", false, false));

        assertThat(views.list(rep, "lead")).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(saved.id());
            assertThat(v.settings()).isEqualTo(settings("High scores", false, false));
            assertThat(v.version()).isEqualTo(1);
        });
        assertThat(views.list(otherRep, "lead")).isEmpty();
    }

    @Test
    void choosingANewDefaultClearsTheOldOneOfTheSameUserOnly() {
        SavedView first = views.create(rep, "lead", settings("First", true, false));
        views.create(otherRep, "lead", settings("Theirs", true, false));
        SavedView second = views.create(rep, "lead", settings("Second", true, false));

        assertThat(views.defaultView(rep, "lead")).map(SavedView::id).contains(second.id());
        assertThat(views.list(rep, "lead")).filteredOn(v -> v.id() == first.id()).singleElement()
                .satisfies(v -> assertThat(v.settings().isDefault()).isFalse());
        assertThat(views.defaultView(otherRep, "lead")).map(v -> v.settings().name()).contains("Theirs");
    }

    @Test
    void aSharedViewIsListedForOthersButOnlyItsOwnerMayChangeIt() {
        SavedView shared = views.create(rep, "lead", settings("Team", false, true));

        assertThat(views.list(otherRep, "lead")).extracting(v -> v.settings().name()).containsExactly("Team");
        assertThatThrownBy(() -> views.update(otherRep, "lead", shared.id(), 1, settings("Mine now", false, true)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> views.delete(otherRep, "lead", shared.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(views.defaultView(otherRep, "lead")).isEmpty();
    }

    @Test
    void aStaleUpdateIsAConflictAndKeepsTheNewerSettings() {
        SavedView view = views.create(rep, "lead", settings("Edited twice", false, false));
        views.update(rep, "lead", view.id(), 1, settings("Edited twice", true, false));

        assertThatThrownBy(() -> views.update(rep, "lead", view.id(), 1, settings("Edited twice", false, true)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThat(views.list(rep, "lead")).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo(2);
            assertThat(v.settings().isDefault()).isTrue();
            assertThat(v.settings().shared()).isFalse();
        });
    }

    @Test
    void aViewCannotNameAHiddenFieldInColumnsOrFilters() {
        ViewSettings hiddenColumn = new ViewSettings("Peek", List.of(), List.of(), List.of("name", "secret"), false,
                false);
        assertThatThrownBy(() -> views.create(rep, "lead", hiddenColumn))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("columns", "unknown_field")));
        ViewSettings hiddenFilter = new ViewSettings("Peek", List.of(new RecordFilter("secret", FilterOperator.EQ,
                List.of("x"))), List.of(), List.of(), false, false);
        assertThatThrownBy(() -> views.create(rep, "lead", hiddenFilter)).isInstanceOf(ValidationException.class);
        assertThat(views.list(rep, "lead")).isEmpty();
    }

    @Test
    void aNameIsRequiredAndUniquePerUser() {
        assertThatThrownBy(() -> views.create(rep, "lead", settings("  ", false, false)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("name"));
        views.create(rep, "lead", settings("Twice", false, false));
        assertThatThrownBy(() -> views.create(rep, "lead", settings("Twice", false, false)))
                .isInstanceOf(ConflictException.class);
        assertThat(views.create(otherRep, "lead", settings("Twice", false, false)).owner()).isEqualTo("view_rep_b");
    }

    @Test
    void someoneWhoCannotReadTheFormHasNoViews() {
        assertThatThrownBy(() -> views.list(stranger, "lead")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> views.create(stranger, "lead", settings("Nope", false, false)))
                .isInstanceOf(NotFoundException.class);
    }
}
