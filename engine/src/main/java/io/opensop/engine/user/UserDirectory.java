package io.opensop.engine.user;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import static io.opensop.engine.support.SqlValues.timestamp;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Users, their roles and their managers, stored in the engine's own tables. */
public class UserDirectory {

    private static final String COLUMNS = "id, username, display_name, email, locale, zone_id, manager_id, team,"
            + " region, enabled";

    private final DSLContext dsl;
    private final Clock clock;

    public UserDirectory(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    public Optional<UserAccount> byId(long id) {
        return dsl.fetchOptional("select " + COLUMNS + " from app_user where id = ?", id).map(this::toAccount);
    }

    public Optional<UserAccount> byUsername(String username) {
        return dsl.fetchOptional("select " + COLUMNS + " from app_user where username = ?", username)
                .map(this::toAccount);
    }

    public Optional<String> passwordHash(String username) {
        return dsl.fetchOptional("select password_hash from app_user where username = ? and enabled = true", username)
                .map(r -> r.get(0, String.class));
    }

    public List<UserAccount> all() {
        return dsl.fetch("select " + COLUMNS + " from app_user order by id").map(this::toAccount);
    }

    public boolean exists(long id) {
        return dsl.fetch("select 1 from app_user where id = ?", id).isNotEmpty();
    }

    public UserAccount create(NewUser user) {
        Long id = dsl.insertInto(DSL.table(DSL.unquotedName("app_user")))
                .set(column("username"), user.username())
                .set(column("password_hash"), user.passwordHash())
                .set(column("display_name"), user.displayName())
                .set(column("email"), user.email())
                .set(column("locale"), user.locale() == null ? "zh-CN" : user.locale())
                .set(column("zone_id"), user.zoneId() == null ? "Asia/Shanghai" : user.zoneId())
                .set(column("manager_id"), user.managerId())
                .set(column("team"), user.team())
                .set(column("region"), user.region())
                .set(column("enabled"), true)
                .set(column("created_at"), timestamp(OffsetDateTime.now(clock)))
                .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT))
                .fetchOne(0, Long.class);
        for (String role : user.roles()) {
            dsl.execute("insert into app_user_role (user_id, role) values (?, ?)", id, role);
        }
        return byId(id).orElseThrow();
    }

    public Set<Long> idsInRegion(String region) {
        return Set.copyOf(dsl.fetch("select id from app_user where region = ?", region).map(r -> r.get(0, Long.class)));
    }

    public Set<Long> idsInTeam(String team) {
        return Set.copyOf(dsl.fetch("select id from app_user where team = ?", team).map(r -> r.get(0, Long.class)));
    }

    /** Everyone who reports to the user, directly or through other managers. */
    public Set<Long> reportsOf(long managerId) {
        Set<Long> found = new HashSet<>();
        List<Long> frontier = List.of(managerId);
        while (!frontier.isEmpty()) {
            List<Long> next = dsl.fetch("select id from app_user where manager_id in (" + placeholders(frontier.size())
                    + ")", frontier.toArray()).map(r -> r.get(0, Long.class));
            frontier = next.stream().filter(found::add).toList();
        }
        return found;
    }

    private static org.jooq.Field<Object> column(String name) {
        return DSL.field(DSL.unquotedName(name));
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private UserAccount toAccount(Record r) {
        long id = r.get(0, Long.class);
        Set<String> roles = Set.copyOf(dsl.fetch("select role from app_user_role where user_id = ?", id)
                .map(x -> x.get(0, String.class)));
        return new UserAccount(id, r.get(1, String.class), r.get(2, String.class), r.get(3, String.class),
                r.get(4, String.class), r.get(5, String.class), r.get(6, Long.class), r.get(7, String.class),
                r.get(8, String.class), Boolean.TRUE.equals(r.get(9, Boolean.class)), roles);
    }
}
