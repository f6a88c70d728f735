package io.opensop.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opensop.engine.user.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What the REST tests on MockMvc share: the client, JSON, and users made on the fly whose password is
 * {@code "secret-" + name}. Subclasses carry their own {@code @SpringBootTest} (each its own database)
 * and {@code @AutoConfigureMockMvc}.
 */
public abstract class MockMvcApiTest {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected UserDirectory users;
    @Autowired
    protected PasswordEncoder passwords;

    /** Creates the user unless it exists; signs in with {@code "secret-" + name}. */
    protected void user(String name, String... roles) {
        TestUsers.create(users, passwords, name, "secret-" + name, roles);
    }

    protected JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
