package io.opensop.engine.record;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.util.Optional;
import org.jooq.DSLContext;

/** {@link Lookups} answered from the engine's own tables. */
public final class DatabaseLookups implements Lookups {

    private final UserDirectory users;
    private final AttachmentStore attachments;
    private final LayoutRepository layouts;
    private final RecordStore records;

    public DatabaseLookups(DSLContext dsl, UserDirectory users, AttachmentStore attachments) {
        this.users = users;
        this.attachments = attachments;
        this.layouts = new LayoutRepository(dsl);
        this.records = new RecordStore(dsl);
    }

    @Override
    public boolean userExists(long userId) {
        return users.exists(userId);
    }

    @Override
    public Optional<Long> userIdByUsername(String username) {
        return users.byUsername(username).map(UserAccount::id);
    }

    @Override
    public boolean recordExists(String formKey, long recordId) {
        String table = layouts.tables(formKey).get(LayoutRepository.MAIN_TABLE_PATH);
        return table != null && records.exists(table, recordId);
    }

    @Override
    public Optional<AttachmentRef> attachment(String attachmentId) {
        return attachments.find(attachmentId);
    }
}
