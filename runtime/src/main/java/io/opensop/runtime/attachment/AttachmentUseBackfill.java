package io.opensop.runtime.attachment;

import io.opensop.engine.EngineServices;
import io.opensop.engine.record.AttachmentDownloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Downloads are checked through the records that reference a file ({@code attachment_use}, V8).
 * A database whose records were saved before that table existed gets their references once, at
 * start-up, so their readers can open those files again; afterwards every save keeps it.
 */
@Component
class AttachmentUseBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AttachmentUseBackfill.class);

    private final AttachmentDownloads downloads;

    AttachmentUseBackfill(EngineServices engine) {
        this.downloads = engine.attachmentDownloads();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (downloads.needsBackfill()) {
            log.info("attachment references backfilled: {}", downloads.backfill());
        }
    }
}
