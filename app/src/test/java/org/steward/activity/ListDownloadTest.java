package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A district's download address cannot reach what only the server can: loopback, a cloud's metadata service,
 * private ranges, in IPv4 and IPv6, refused before anything is sent; a public address passes the check.
 */
class ListDownloadTest {

    final ListDownload download = new ListDownload(Duration.ofSeconds(5), 1 << 20, false);

    @Test
    void anAddressOnTheServersOwnNetworkIsRefused() {
        for (String address : new String[] {"http://127.0.0.1:5432/", "http://localhost/lists.tar.gz",
                "http://169.254.169.254/latest/meta-data/", "https://10.1.2.3/x", "http://192.168.0.1/",
                "http://[::1]/x", "http://[fd00::1]/x", "http://0.0.0.0/x"}) {
            assertThatThrownBy(() -> download.text(URI.create(address), 100)).as(address)
                    .isInstanceOf(CategoryFeeds.Refused.class).hasMessageContaining("on the server's own network");
        }
    }

    @Test
    void aPublicAddressPassesTheCheck() {
        URI address = URI.create("https://93.184.215.14/blacklists.tar.gz");
        assertThat(download.reachable(address)).isEqualTo(address);
    }
}
