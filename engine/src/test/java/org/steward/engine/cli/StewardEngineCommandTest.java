package org.steward.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.Output;
import org.steward.engine.Shared;

class StewardEngineCommandTest {

    @TempDir Path dir;

    @Test
    void analyzesTheRealLogsIntoUsageAndFindings() throws Exception {
        Path block = Files.writeString(dir.resolve("block.txt"), "# ours\nexample.com\n");
        int exit = StewardEngineCommand.run(new String[] {"analyze", "--categories", Shared.data("ut1").toString(),
                "--only", "games,porn,proxy", "--block", block.toString(), "--threads", "2",
                "--out", dir.resolve("out").toString(),
                Shared.data("squid/netdata_godplugin_squidlog_access.log").toString(),
                Shared.data("squid/plaso_squid_access.log").toString()});

        assertThat(exit).isZero();
        List<String> usage = Files.readAllLines(dir.resolve("out/usage.csv"));
        assertThat(usage.get(0)).isEqualTo(Output.USAGE_HEADER)
                .isEqualTo("date,person,site,visits,seconds_connected,requests,elapsed_ms,bytes,blocked,categories");
        assertThat(usage).anySatisfy(row -> assertThat(row).contains(",user1,example.com,")
                .endsWith(",district-block"));
        assertThat(dir.resolve("out/findings.jsonl")).exists();
    }

    @Test
    void refusesAnIncompleteCommandWithWhatIsMissing() {
        assertThat(StewardEngineCommand.run(new String[0])).isEqualTo(2);
        assertThatThrownBy(() -> StewardEngineCommand.run(new String[] {"analyze", "--out", dir.toString()}))
                .hasMessageContaining("--categories, --out and at least one log are needed");
        assertThatThrownBy(() -> StewardEngineCommand.run(new String[] {"analyze", "--categories", dir.toString(),
                "--out", dir.toString(), dir.resolve("missing.log").toString()}))
                .hasMessageContaining("cannot read the log");
        assertThatThrownBy(() -> StewardEngineCommand.run(new String[] {"analyze", "--frobnicate"}))
                .hasMessageContaining("unknown option --frobnicate");
    }
}
