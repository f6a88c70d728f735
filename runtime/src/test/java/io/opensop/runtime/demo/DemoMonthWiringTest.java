package io.opensop.runtime.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserDirectory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demo profile's generated month: after start-up the generator fills the demo in the background
 * with the configured reps and customers, through the record service (so the contracts' roll-ups hold).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:demomonth;DB_CLOSE_DELAY=-1",
        "opensop.demo.enabled=true",
        "opensop.demo.generator.enabled=true",
        "opensop.demo.generator.reps=2",
        "opensop.demo.generator.customers=6"})
class DemoMonthWiringTest {

    @Autowired
    private RecordService records;

    @Autowired
    private UserDirectory users;

    private long generatedCustomers() {
        return records.list(Actor.system(), "customer", new RecordQuery(List.of(new RecordFilter("name",
                FilterOperator.CONTAINS, List.of(" GEN_"))), List.of(), 100, null, false, false)).items().size();
    }

    @Test
    void theDemoMonthIsGeneratedInTheBackgroundForTheConfiguredRepsAndCustomers() throws InterruptedException {
        // the generator runs on its own thread: wait for its last batch, at most two minutes
        for (int i = 0; i < 600 && generatedCustomers() < 6; i++) {
            Thread.sleep(200);
        }

        assertThat(generatedCustomers()).isEqualTo(6);
        assertThat(users.byUsername("gen_rep02")).isPresent();
        assertThat(users.byUsername("gen_rep03")).isEmpty();
        assertThat(users.byUsername("gen_mgr_east")).isPresent();
    }
}
