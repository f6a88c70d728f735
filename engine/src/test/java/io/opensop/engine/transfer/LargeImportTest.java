package io.opensop.engine.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large files, generated here, through dry run and commit on H2, at the acceptance size of
 * 100,000 rows (2 to 2.5 minutes for both on a 2-core machine, see docs/import-export.md, Performance);
 * {@code -Dopensop.largeImportRows=…} via argLine changes it for a quick local run.
 */
class LargeImportTest {

    private static final int ROWS = Integer.getInteger("opensop.largeImportRows", 100_000);

    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private TransferFixture fx;

    @BeforeEach
    void setUp() {
        dataSource = TestDatabases.h2();
        fx = new TransferFixture(new EngineHarness(dataSource).engine);
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    @Test
    void csvWithOneHundredThousandRows() throws Exception {
        Path file = dir.resolve("deals.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Reference,Name,Amount,Close date,Level\n");
            for (int i = 1; i <= ROWS; i++) {
                out.write("R-" + i + ",Deal " + i + ",\"" + (i % 1000) + ",000.50\",2026-03-" + (1 + i % 28) + ","
                        + (i % 2 == 0 ? "Alpha" : "Beta") + (i == ROWS * 7 / 9 ? "X" : "") + "\n");
            }
        }
        runAndCheck(Files.readAllBytes(file), "deals.csv");
    }

    @Test
    void xlsxWithOneHundredThousandRows() throws Exception {
        Path file = dir.resolve("deals.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            SXSSFSheet sheet = workbook.createSheet("Deals");
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d"));
            Row header = sheet.createRow(0);
            String[] titles = {"Reference", "Name", "Amount", "Close date", "Level"};
            for (int c = 0; c < titles.length; c++) {
                header.createCell(c).setCellValue(titles[c]);
            }
            for (int i = 1; i <= ROWS; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("R-" + i);
                row.createCell(1).setCellValue("Deal " + i);
                row.createCell(2).setCellValue((i % 1000) * 1000 + 0.5);
                var date = row.createCell(3);
                date.setCellValue(java.time.LocalDate.of(2026, 3, 1 + i % 28));
                date.setCellStyle(dateStyle);
                row.createCell(4).setCellValue((i % 2 == 0 ? "Alpha" : "Beta") + (i == ROWS * 7 / 9 ? "X" : ""));
            }
            workbook.write(out);
        }
        runAndCheck(Files.readAllBytes(file), "deals.xlsx");
    }

    private void runAndCheck(byte[] content, String name) {
        ImportService imports = fx.engine.imports();
        ImportJob job = imports.upload(fx.rep, "deal", name, content, null, "ref");
        job = imports.dryRun(fx.rep, "deal", job.id());
        assertThat(job.rowsTotal()).isEqualTo(ROWS);
        assertThat(job.rowsFailed()).isEqualTo(1);
        assertThat(imports.errors(fx.rep, "deal", job.id(), 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.row()).isEqualTo(ROWS * 7L / 9 + 1);
                    assertThat(e.column()).isEqualTo("Level");
                    assertThat(e.code()).isEqualTo("unknown_option");
                });
        job = imports.commit(fx.rep, "deal", job.id(), ImportMode.VALID_ROWS_ONLY, "ref");
        assertThat(job.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(job.rowsCreated()).isEqualTo(ROWS - 1);
        assertThat(job.rowsFailed()).isEqualTo(1);
        assertThat(job.lastCommittedRow()).isEqualTo(ROWS + 1);
        var page = fx.engine.records().list(fx.rep, "deal", new RecordQuery(
                List.of(new io.opensop.engine.record.RecordFilter("ref", io.opensop.engine.record.FilterOperator.EQ,
                        List.of("R-1234"))), List.of(), 10, null, true, false));
        assertThat(page.count()).isEqualTo(1);
        assertThat(page.items().get(0).values()).containsEntry("amount", new java.math.BigDecimal("234000.50"))
                .containsEntry("close_date", java.time.LocalDate.of(2026, 3, 1 + 1234 % 28))
                .containsEntry("level", "a");
        assertThat(fx.engine.records().list(fx.admin, "deal", new RecordQuery(List.of(), List.of(), 1, null, true,
                false)).count()).isEqualTo(ROWS - 1);
    }
}
