package io.opensop.runtime.transfer;

import io.opensop.engine.EngineServices;
import io.opensop.engine.transfer.ExportService;
import io.opensop.engine.transfer.ImportService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Imports and exports. Dry runs and commits run on a small bounded pool ({@code opensop.imports.threads},
 * default 2; {@code opensop.imports.queue} waiting jobs, default 16 — beyond that an import request
 * gets 503), so a large file never holds a request thread.
 */
@Configuration(proxyBeanMethods = false)
public class TransferConfiguration {

    @Bean
    ImportService importService(EngineServices engine) {
        return engine.imports();
    }

    @Bean
    ExportService exportService(EngineServices engine) {
        return engine.exports();
    }

    @Bean
    ThreadPoolTaskExecutor importExecutor(@Value("${opensop.imports.threads:2}") int threads,
                                          @Value("${opensop.imports.queue:16}") int queue) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queue);
        executor.setThreadNamePrefix("opensop-import-");
        // a commit cut short by a shutdown is safe: its batch rolls back and the job is resumed later
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }

    @Bean
    ImportTasks importTasks(ThreadPoolTaskExecutor importExecutor) {
        return new ImportTasks(importExecutor);
    }
}
