package io.opensop.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.AttachmentDownloads;
import io.opensop.engine.testing.EngineContract;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file is downloaded through the records that show it: the uploader, admins and those who may read
 * such a record with the holding field visible get it; everyone else is told it does not exist.
 */
abstract class AttachmentDownloadContract extends EngineContract {

    private AttachmentDownloads downloads;
    private Actor manager;
    private Actor repA;
    private Actor repB;
    private Actor repOtherTeam;
    private long dealOfA;
    private AttachmentRef contract;
    private AttachmentRef scan;
    private AttachmentRef receipt;

    @BeforeEach
    void dealWithFiles() {
        downloads = engine.attachmentDownloads();
        Actor designer = actor(user("ops", null, "designer"));
        manager = actor(user("m_east", null, "sales_manager"));
        Actor managerWest = actor(user("m_west", null, "sales_manager"));
        repA = actor(user("rep_a", manager.userId(), "sales_rep"));
        repB = actor(user("rep_b", manager.userId(), "sales_rep"));
        repOtherTeam = actor(user("rep_c", managerWest.userId(), "sales_rep"));
        engine.forms().create(designer, FormJson.read("""
                {"key":"deal","label":{"en":"Deal","zh-CN":"交易"},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"}},
                   {"key":"contract","type":"attachment","label":{"en":"Contract"}},
                   {"key":"credit_scan","type":"attachment","label":{"en":"Credit check"}},
                   {"key":"lines","type":"sub_form","label":{"en":"Lines"},"fields":[
                     {"key":"receipt","type":"attachment","label":{"en":"Receipt"}}]}],
                 "access":{
                   "rowScopes":{"sales_manager":"team","sales_rep":"own"},
                   "fields":{"sales_rep":{"credit_scan":"hidden"}}}}
                """));
        engine.forms().publish(designer, "deal", false);
        contract = upload(repA, "contract.pdf");
        receipt = upload(repA, "receipt.pdf");
        scan = upload(manager, "scan.pdf");
        dealOfA = engine.records().create(repA, "deal", Map.of("name", "A's deal", "contract", List.of(contract.id()),
                "lines", List.of(Map.of("receipt", List.of(receipt.id()))))).id();
        engine.records().update(manager, "deal", dealOfA, 1, Map.of("credit_scan", List.of(scan.id())));
    }

    @Test
    void theUploaderAndTheManagerReadTheFileButARepFromAnotherTeamIsToldItDoesNotExist() {
        assertThat(text(downloads.open(repA, contract.id()).bytes())).isEqualTo("contract.pdf bytes");
        assertThat(text(downloads.open(manager, contract.id()).bytes())).isEqualTo("contract.pdf bytes");
        assertThat(downloads.open(EngineHarness.admin(), contract.id()).ref().name()).isEqualTo("contract.pdf");

        assertThatThrownBy(() -> downloads.open(repOtherTeam, contract.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> downloads.open(repB, contract.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> downloads.open(repOtherTeam, "00000000-0000-0000-0000-000000000000"))
                .as("an unknown id fails exactly like a refused one")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFileInAFieldHiddenFromTheRoleIsNotFoundEvenForTheRecordOwner() {
        assertThat(downloads.mayRead(manager, scan.id())).isTrue();
        assertThatThrownBy(() -> downloads.open(repA, scan.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFileOnASubFormLineIsReadableThroughItsRecord() {
        assertThat(downloads.mayRead(manager, receipt.id())).isTrue();
        assertThat(downloads.mayRead(repOtherTeam, receipt.id())).isFalse();
    }

    @Test
    void copyingSomeoneElsesFileIdIntoOnesOwnRecordIsRefusedAndOpensNothing() {
        assertThatThrownBy(() -> engine.records().create(repOtherTeam, "deal",
                Map.of("name", "stolen", "contract", List.of(contract.id()))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .containsExactly(Problem.of("contract", "unknown_attachment", contract.id())));
        assertThat(downloads.mayRead(repOtherTeam, contract.id())).isFalse();
    }

    @Test
    void aFileOnceShownInARecordStaysReadableToItsReadersAfterItIsReplaced() {
        AttachmentRef second = upload(repA, "contract-v2.pdf");
        engine.records().update(repA, "deal", dealOfA, 2, Map.of("contract", List.of(second.id())));

        assertThat(downloads.mayRead(manager, contract.id())).as("the history still shows the first file").isTrue();
        assertThat(downloads.mayRead(manager, second.id())).isTrue();
        assertThat(downloads.mayRead(repOtherTeam, second.id())).isFalse();
    }

    @Test
    void filesOfRecordsSavedBeforeReferencesWereKeptBecomeReadableAfterTheBackfill() {
        harness.dsl.execute("delete from attachment_use");
        assertThat(downloads.mayRead(manager, contract.id())).isFalse();
        assertThat(downloads.needsBackfill()).isTrue();

        assertThat(downloads.backfill()).as("contract, receipt and scan of the one deal").isEqualTo(3);

        assertThat(downloads.needsBackfill()).isFalse();
        assertThat(downloads.mayRead(manager, contract.id())).isTrue();
        assertThat(downloads.mayRead(manager, receipt.id())).isTrue();
        assertThat(downloads.mayRead(repOtherTeam, contract.id())).isFalse();
        assertThat(downloads.backfill()).as("idempotent").isEqualTo(3);
        assertThat(harness.dsl.fetchCount(org.jooq.impl.DSL.table("attachment_use"))).isEqualTo(3);
    }

    private AttachmentRef upload(Actor by, String name) {
        return engine.attachments().store(by.username(), name, "application/octet-stream",
                new ByteArrayInputStream((name + " bytes").getBytes(StandardCharsets.UTF_8)), 1024);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private UserAccount user(String name, Long managerId, String role) {
        return engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai", managerId,
                null, null, Set.of(role)));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH, ZoneId.of("Asia/Shanghai"));
    }
}
