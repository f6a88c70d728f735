package io.opensop.engine.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.audit.Revision;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import path on a real database: dry run, commit modes, upsert, encodings, error file. */
abstract class ImportContract {

    private HikariDataSource dataSource;
    private TransferFixture fx;
    private ImportService imports;

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void setUp() {
        dataSource = newDatabase();
        fx = new TransferFixture(new EngineHarness(dataSource).engine);
        imports = fx.engine.imports();
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    private static final String MIXED = """
            Reference,Name,Amount,Close date,Level,Rep,Account,Ignored column
            D-1,"Big, quoted ""deal\""",\"1,234.50",2026年3月31日,Alpha,rep_a,ACME,x
            D-2,Second,12%,2026/4/1,乙,王小明,Initech,
            D-3,Bad amount,abc,2026-04-02,Alpha,rep_a,ACME,
            D-4,,100,2026-13-40,Gamma,nobody,NOPE,
            D-5,Too big,"2,000,000",2026-04-03,Beta,rep_a,ACME,
            D-6,Fine,7,2026-04-04,b,rep_a,,
            """;

    private ImportJob upload(String csv, String upsertKey) {
        return imports.upload(fx.rep, "deal", "deals.csv", csv.getBytes(StandardCharsets.UTF_8), null, upsertKey);
    }

    @Test
    void mapsColumnsByLabelAndReportsExactDryRunErrors() {
        ImportJob job = upload(MIXED, null);
        assertThat(job.mapping()).extracting(ColumnMapping::header, ColumnMapping::fieldKey).containsExactly(
                tuple("Reference", "ref"), tuple("Name", "name"), tuple("Amount", "amount"),
                tuple("Close date", "close_date"), tuple("Level", "level"), tuple("Rep", "rep"),
                tuple("Account", "account"), tuple("Ignored column", null));

        job = imports.dryRun(fx.rep, "deal", job.id());
        assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
        assertThat(job.rowsTotal()).isEqualTo(6);
        assertThat(job.rowsFailed()).isEqualTo(3);
        List<ImportError> errors = imports.errors(fx.rep, "deal", job.id(), 100);
        assertThat(errors).extracting(ImportError::row, ImportError::column, ImportError::code).containsExactly(
                tuple(4L, "Amount", "expected_type"),
                tuple(5L, "Close date", "invalid_date"),
                tuple(5L, "Level", "unknown_option"),
                tuple(5L, "Rep", "unknown_user_name"),
                tuple(5L, "Account", "unknown_reference"),
                tuple(6L, "Amount", "rule_failed"));
        assertThat(errors.get(0).message()).isEqualTo("expected number but got text");
        assertThat(errors.get(5).message()).isEqualTo("Amount may not exceed 1,000,000");
        // nothing was kept by the dry run
        assertThat(count()).isZero();
    }

    @Test
    void aRemappedFileIsCheckedAgainWithTheNewColumnsAndACommittedOneCannotBeRemapped() {
        ImportJob job = imports.dryRun(fx.rep, "deal", upload(MIXED, null).id());

        job = imports.remap(fx.rep, "deal", job.id(), Map.of("Reference", "", "Ignored column", "ref"));
        assertThat(job.status()).isEqualTo(ImportStatus.UPLOADED);
        assertThat(job.rowsFailed()).isZero();
        assertThat(job.mapping()).extracting(ColumnMapping::header, ColumnMapping::fieldKey)
                .contains(tuple("Reference", null), tuple("Ignored column", "ref"));
        assertThat(imports.upsertKeyCandidates(fx.rep, "deal", job.id()))
                .extracting(io.opensop.engine.form.FieldDefinition::key)
                .containsExactly("name", "amount", "close_date", "level", "rep", "account", "ref");
        assertThatThrownBy(() -> imports.remap(fx.rep, "deal", upload(MIXED, null).id(), Map.of("Name", "nope")))
                .isInstanceOf(ValidationException.class);

        job = imports.commit(fx.rep, "deal", job.id(), ImportMode.VALID_ROWS_ONLY, null);
        assertThat(fx.engine.records().list(fx.rep, "deal", RecordQuery.firstPage(50)).items())
                .extracting(r -> r.values().get("ref")).containsOnly("x", null);
        long committed = job.id();
        assertThatThrownBy(() -> imports.remap(fx.rep, "deal", committed, Map.of()))
                .isInstanceOf(io.opensop.engine.error.ConflictException.class);
    }

    @Test
    void validRowsOnlyCommitsTheGoodRowsAndOffersAnErrorFile() throws Exception {
        ImportJob job = imports.dryRun(fx.rep, "deal", upload(MIXED, null).id());
        job = imports.commit(fx.rep, "deal", job.id(), ImportMode.VALID_ROWS_ONLY, null);
        assertThat(job.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(job.rowsCreated()).isEqualTo(3);
        assertThat(job.rowsFailed()).isEqualTo(3);
        assertThat(job.lastCommittedRow()).isEqualTo(7);

        List<FormRecord> deals = fx.engine.records().list(fx.rep, "deal", RecordQuery.firstPage(50)).items();
        FormRecord first = deals.stream().filter(d -> "D-1".equals(d.values().get("ref"))).findFirst().orElseThrow();
        assertThat(first.values()).containsEntry("name", "Big, quoted \"deal\"")
                .containsEntry("amount", new BigDecimal("1234.50"))
                .containsEntry("close_date", LocalDate.of(2026, 3, 31))
                .containsEntry("level", "a")
                .containsEntry("rep", fx.rep.userId());
        FormRecord second = deals.stream().filter(d -> "D-2".equals(d.values().get("ref"))).findFirst().orElseThrow();
        assertThat(second.values()).containsEntry("amount", new BigDecimal("0.12")).containsEntry("level", "b")
                .containsEntry("rep", fx.rep.userId());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imports.writeErrorFile(fx.rep, "deal", job.id(), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFReference,Name,Amount,Close date,Level,Rep,Account,Ignored column,Row,Errors\r\n");
        assertThat(csv.lines().skip(1)).hasSize(3);
        assertThat(csv).contains("D-3,Bad amount,abc,2026-04-02,Alpha,rep_a,ACME,,4,Amount: expected number but got text");
        assertThat(csv).contains("D-5,Too big,\"2,000,000\"");
        // the error file is itself importable: its extra columns map to nothing
        ImportJob again = imports.upload(fx.rep, "deal", "errors.csv", out.toByteArray(), null, null);
        assertThat(again.mapping()).extracting(ColumnMapping::fieldKey).containsExactly("ref", "name", "amount",
                "close_date", "level", "rep", "account", null, null, null);
    }

    @Test
    void allOrNothingNeedsACleanDryRun() {
        ImportJob job = imports.dryRun(fx.rep, "deal", upload(MIXED, null).id());
        long id = job.id();
        assertThatThrownBy(() -> imports.commit(fx.rep, "deal", id, ImportMode.ALL_OR_NOTHING, null))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).code())
                        .isEqualTo("import_has_errors"));
        assertThat(count()).isZero();

        ImportJob clean = upload("Reference,Name,Amount\nC-1,One,1\nC-2,Two,2\n", null);
        clean = imports.commit(fx.rep, "deal", clean.id(), ImportMode.ALL_OR_NOTHING, null);
        assertThat(clean.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void upsertByKeyMakesReRunsCreateNothingTwice() {
        String file = "Reference,Name,Amount\nU-1,One,1\nU-2,Two,2\nU-3,Three,3\n";
        ImportJob first = imports.commit(fx.rep, "deal", upload(file, "ref").id(), ImportMode.ALL_OR_NOTHING, "ref");
        assertThat(first.rowsCreated()).isEqualTo(3);

        ImportJob same = imports.commit(fx.rep, "deal", upload(file, "ref").id(), ImportMode.ALL_OR_NOTHING, "ref");
        assertThat(same.rowsCreated()).isZero();
        assertThat(same.rowsUnchanged()).isEqualTo(3);

        String changed = "Reference,Name,Amount\nU-1,One,10\nU-4,Four,4\nU-4,Four again,44\n";
        ImportJob third = imports.commit(fx.rep, "deal", upload(changed, "ref").id(), ImportMode.ALL_OR_NOTHING,
                "ref");
        assertThat(third.rowsCreated()).isEqualTo(1);
        assertThat(third.rowsUpdated()).isEqualTo(2);
        assertThat(count()).isEqualTo(4);
        Map<Object, Object> amounts = new java.util.HashMap<>();
        fx.engine.records().list(fx.rep, "deal", RecordQuery.firstPage(50)).items()
                .forEach(r -> amounts.put(r.values().get("ref"), r.values().get("amount")));
        assertThat(amounts).containsEntry("U-1", new BigDecimal("10.00")).containsEntry("U-4", new BigDecimal("44.00"));
    }

    @Test
    void anUpsertMatchesOnlyRecordsTheImporterMaySeeAndAKeyHeldTwiceIsRefused() {
        FormRecord theirs = fx.engine.records().create(fx.otherRep, "deal", Map.of("ref", "S-1", "name", "Theirs"));
        fx.engine.records().create(fx.rep, "deal", Map.of("ref", "S-2", "name", "Mine"));
        fx.engine.records().create(fx.rep, "deal", Map.of("ref", "S-2", "name", "Mine too"));

        ImportJob job = imports.commit(fx.rep, "deal", upload("Reference,Name\nS-1,Imported\nS-2,Changed\n", "ref").id(),
                ImportMode.VALID_ROWS_ONLY, "ref");

        assertThat(job.rowsCreated()).isEqualTo(1);
        assertThat(job.rowsFailed()).isEqualTo(1);
        assertThat(imports.errors(fx.rep, "deal", job.id(), 10)).extracting(ImportError::row, ImportError::code)
                .containsExactly(tuple(3L, "ambiguous_key"));
        assertThat(fx.engine.records().get(fx.otherRep, "deal", theirs.id()).values()).containsEntry("name", "Theirs");
        assertThat(fx.engine.records().list(fx.rep, "deal", RecordQuery.firstPage(50)).items())
                .extracting(r -> r.values().get("name")).containsExactlyInAnyOrder("Mine", "Mine too", "Imported");
    }

    @Test
    void aUniqueValueRepeatedInsideOneBatchIsRefusedAndEveryImportedRowHasItsRevision() {
        ImportJob job = imports.upload(fx.rep, "account", "accounts.csv",
                "Code,Name\nNEW-1,One\nNEW-1,Copy\nACME,Clash\nNEW-2,Two\n".getBytes(StandardCharsets.UTF_8), null, null);

        job = imports.commit(fx.rep, "account", job.id(), ImportMode.VALID_ROWS_ONLY, null);

        assertThat(job.rowsCreated()).isEqualTo(2);
        assertThat(imports.errors(fx.rep, "account", job.id(), 10)).extracting(ImportError::row, ImportError::code)
                .containsExactly(tuple(3L, "not_unique"), tuple(4L, "not_unique"));
        List<FormRecord> imported = fx.engine.records().findByValues(fx.rep, "account", "code",
                List.of("NEW-1", "NEW-2"));
        assertThat(imported).extracting(r -> r.values().get("name")).containsExactlyInAnyOrder("One", "Two");
        assertThat(imported).allSatisfy(r -> assertThat(fx.engine.records().history(fx.rep, "account", r.id()))
                .extracting(Revision::action).containsExactly(Revision.CREATE));
    }

    @Test
    void lookingRecordsUpByValueHasThePermissionsOfTheList() {
        var records = fx.engine.records();
        records.create(fx.rep, "deal", Map.of("ref", "K-1", "name", "Mine"));
        records.create(fx.otherRep, "deal", Map.of("ref", "K-1", "name", "Theirs"));
        FormRecord gone = records.create(fx.rep, "deal", Map.of("ref", "K-2", "name", "Deleted"));
        records.delete(fx.admin, "deal", gone.id(), gone.version());

        assertThat(records.findByValues(fx.rep, "deal", "ref", List.of("K-1", "K-2", "K-3")))
                .singleElement().satisfies(r -> assertThat(r.values()).containsEntry("name", "Mine")
                        .doesNotContainKey("cost"));
        assertThat(records.findByValues(fx.manager, "deal", "ref", List.of("K-1", "K-2")))
                .extracting(r -> r.values().get("name")).containsExactlyInAnyOrder("Mine", "Theirs");
        assertThatThrownBy(() -> records.findByValues(fx.rep, "deal", "cost", List.of("5")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.code()).containsExactly("unknown_field"));
        Actor guest = new Actor(null, "guest", Set.of("guest"), Locale.ENGLISH, EngineHarness.SHANGHAI);
        assertThatThrownBy(() -> records.findByValues(guest, "deal", "ref", List.of("K-1")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anImportIndexesItsUpsertKeySoABatchLooksItsKeysUpWithoutReadingTheWholeTable() {
        assertThat(TestDatabases.indexedColumns(dataSource, "rec_deal")).doesNotContain("c_ref");
        // unique fields are indexed when the form is published, for the check on every save
        assertThat(TestDatabases.indexedColumns(dataSource, "rec_account")).contains("c_code");

        imports.commit(fx.rep, "deal", upload("Reference,Name\nI-1,One\n", "ref").id(), ImportMode.ALL_OR_NOTHING,
                "ref");

        assertThat(TestDatabases.indexedColumns(dataSource, "rec_deal")).contains("c_ref");
    }

    @Test
    void readsGb18030AndUtf8WithBomAndOtherDelimiters() {
        String text = "编号;名称;金额;级别\nG-1;\"华为;项目\";\"1,000\";甲\nG-2;腾讯;20%;乙\n";
        ImportJob gb = imports.upload(fx.rep, "deal", "gb.csv", text.getBytes(Charset.forName("GB18030")), null,
                null);
        assertThat(gb.mapping()).extracting(ColumnMapping::fieldKey).containsExactly("ref", "name", "amount", "level");
        gb = imports.commit(fx.rep, "deal", gb.id(), ImportMode.ALL_OR_NOTHING, null);
        assertThat(gb.rowsCreated()).isEqualTo(2);

        byte[] body = "编号\t名称\n B-1 \t微信\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        ImportJob bom = imports.upload(fx.rep, "deal", "bom.csv", withBom, Map.of("名称", "name"), null);
        assertThat(bom.mapping()).extracting(ColumnMapping::header).containsExactly("编号", "名称");
        imports.commit(fx.rep, "deal", bom.id(), ImportMode.ALL_OR_NOTHING, null);

        assertThat(fx.engine.records().list(fx.rep, "deal", RecordQuery.firstPage(50)).items())
                .extracting(r -> r.values().get("name")).containsExactlyInAnyOrder("华为;项目", "腾讯", "微信");
    }

    @Test
    void importsAreCheckedLikeSaves() {
        assertThatThrownBy(() -> imports.upload(fx.viewer, "deal", "x.csv", "Name\nA\n".getBytes(StandardCharsets.UTF_8),
                null, null)).isInstanceOf(AccessDeniedException.class);
        // a hidden field is unknown to the importer: not mapped automatically, refused when chosen
        ImportJob job = upload("Name,Cost\nA,5\n", null);
        assertThat(job.mapping()).extracting(ColumnMapping::fieldKey).containsExactly("name", null);
        assertThatThrownBy(() -> imports.upload(fx.rep, "deal", "x.csv", "Name,Cost\nA,5\n".getBytes(StandardCharsets.UTF_8),
                Map.of("Cost", "cost"), null)).isInstanceOf(ValidationException.class);
        // someone else's import is not there for another user
        assertThatThrownBy(() -> imports.job(fx.otherRep, "deal", job.id()))
                .isInstanceOf(io.opensop.engine.error.NotFoundException.class);
    }

    @Test
    void remembersTheMappingPerForm() {
        ImportJob job = imports.upload(fx.rep, "deal", "a.csv", "Deal title,Amt\nX,1\n".getBytes(StandardCharsets.UTF_8),
                Map.of("Deal title", "name", "Amt", "amount"), null);
        imports.commit(fx.rep, "deal", job.id(), ImportMode.ALL_OR_NOTHING, null);
        ImportJob next = upload("deal title,AMT\nY,2\n", null);
        assertThat(next.mapping()).extracting(ColumnMapping::fieldKey).containsExactly("name", "amount");
    }

    private long count() {
        return fx.engine.records().list(fx.admin, "deal", new RecordQuery(List.of(), List.of(), 1, null, true, false))
                .count();
    }
}
