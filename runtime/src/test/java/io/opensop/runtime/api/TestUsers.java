package io.opensop.runtime.api;

import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserDirectory;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Users the API tests sign in as; every password is "secret". */
public final class TestUsers {

    public static final String PASSWORD = "secret";

    private TestUsers() {
    }

    public static void ensure(UserDirectory users, PasswordEncoder passwords) {
        create(users, passwords, "admin", "admin");
        create(users, passwords, "designer", "designer");
        create(users, passwords, "rep", "sales_rep");
    }

    private static void create(UserDirectory users, PasswordEncoder passwords, String username, String role) {
        create(users, passwords, username, PASSWORD, role);
    }

    /** Creates the user unless it exists, so tests sharing one application context can all call it. */
    public static void create(UserDirectory users, PasswordEncoder passwords, String username, String password,
                              String... roles) {
        if (users.byUsername(username).isEmpty()) {
            users.create(new NewUser(username, passwords.encode(password), username, null, "en", "Asia/Shanghai",
                    null, null, null, Set.of(roles)));
        }
    }
}
