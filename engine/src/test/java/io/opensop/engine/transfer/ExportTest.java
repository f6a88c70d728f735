package io.opensop.engine.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exports show what the list shows: permission, row scope, hidden fields; text is made formula-safe. */
class ExportTest {

    private HikariDataSource dataSource;
    private TransferFixture fx;

    @BeforeEach
    void setUp() {
        dataSource = TestDatabases.h2();
        fx = new TransferFixture(new EngineHarness(dataSource).engine);
        fx.engine.records().create(fx.rep, "deal", Map.of("name", "=HYPERLINK(\"http://x\",\"y\")", "amount", "-5",
                "ref", "+1", "level", "a"));
        fx.engine.records().create(fx.rep, "deal", Map.of("name", "@SUM(A1)", "ref", "-2"));
        fx.engine.records().create(fx.rep, "deal", Map.of("name", "Plain, with comma", "ref", "3"));
        fx.engine.records().create(fx.otherRep, "deal", Map.of("name", "Not yours", "ref", "9"));
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    private byte[] export(io.opensop.engine.security.Actor actor, ExportFormat format, List<RecordFilter> filters)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fx.engine.exports().prepare(actor, "deal", filters, List.of(new RecordSort("ref", false)), format)
                .writeTo(out);
        return out.toByteArray();
    }

    @Test
    void csvNeutralisesFormulasAndHidesWhatTheListHides() throws Exception {
        String csv = new String(export(fx.rep, ExportFormat.CSV, List.of()), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFID,Reference,Name,Amount,Close date,Level,Rep,Account,Won");
        assertThat(csv).doesNotContain("Cost").doesNotContain("Not yours"); // hidden field, other owner's row
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).endsWith(",'+1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5.00,,Alpha,,,");
        assertThat(lines.get(2)).contains(",'-2,'@SUM(A1),");
        assertThat(lines.get(3)).contains(",3,\"Plain, with comma\",");
    }

    @Test
    void aListViewsColumnsAreExportedInItsOrderWithoutHiddenOnes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fx.engine.exports().prepare(fx.rep, "deal", List.of(new RecordFilter("ref", FilterOperator.EQ, List.of("3"))),
                List.of(), List.of("name", "updated_at", "cost", "ref"), ExportFormat.CSV).writeTo(out);

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
                .first().isEqualTo("\uFEFFID,Name,Reference");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList().get(1)).endsWith(",\"Plain, with comma\",3");
    }

    @Test
    void xlsxStoresTextAsQuotePrefixedText() throws Exception {
        byte[] bytes = export(fx.manager, ExportFormat.XLSX, List.of(new RecordFilter("name", FilterOperator.NE,
                List.of("Plain, with comma"))));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3); // the manager sees every row (scope "all")
            var name = sheet.getRow(1).getCell(2);
            assertThat(name.getCellType()).isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
            assertThat(name.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(-5.0);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Cost"); // not hidden for managers
        }
    }

    @Test
    void exportNeedsTheExportPermission() {
        assertThatThrownBy(() -> export(fx.viewer, ExportFormat.CSV, List.of()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anExportImportsBackUnchanged() throws Exception {
        byte[] csv = export(fx.rep, ExportFormat.CSV, List.of());
        ImportJob job = fx.engine.imports().upload(fx.rep, "deal", "back.csv", csv, null, "ref");
        job = fx.engine.imports().commit(fx.rep, "deal", job.id(), ImportMode.ALL_OR_NOTHING, "ref");
        assertThat(job.rowsUnchanged()).isEqualTo(3);
        assertThat(job.rowsCreated()).isZero();
    }
}
