package org.steward.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatling's figures per request as a Markdown table for docs/benchmarks.md (count, errors, mean, 50th, 95th and
 * 99th percentile), read from the statistics table of a report's index.html.
 *
 * <pre>java -cp load/target/test-classes org.steward.load.GatlingFigures load/target/gatling/firstmorning-...</pre>
 */
public final class GatlingFigures {

    private static final Pattern ROW = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>(.*?)</tr>",
            Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("col-(\\d+)\">([^<]*)</td>");

    public static void main(String[] args) throws IOException {
        String html = Files.readString(Path.of(args[0], "index.html"));
        System.out.println("| request | count | errors | mean | p50 | p95 | p99 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            String[] cells = new String[15];
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                cells[Integer.parseInt(cell.group(1))] = cell.group(2).strip();
            }
            if (cells[2] == null || row.group(1).equals("warming up")) {
                continue;
            }
            String name = row.group(1).equals("All Requests") ? "**all requests**" : row.group(1);
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", name, cells[2], cells[4], cells[13],
                    cells[8], cells[10], cells[11]);
        }
    }
}
