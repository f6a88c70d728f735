package io.opensop.runtime.api;

import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.user.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What the REST tests over real HTTP ({@link ApiClient} on a random port) share: the port, and the
 * services they set their users, forms and records up with. Subclasses carry their own
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and database.
 */
public abstract class HttpApiTest {

    @LocalServerPort
    protected int port;
    @Autowired
    protected UserDirectory users;
    @Autowired
    protected PasswordEncoder passwords;
    @Autowired
    protected FormService forms;
    @Autowired
    protected RecordService records;
}
