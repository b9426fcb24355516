package dev.sts.core.policy.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpRangeTest {
    private static Tri contains(String range, String address) {
        return IpRange.anyContains(new IpRange[]{IpRange.parse(range)}, address);
    }

    @Test
    void ipv4Blocks() {
        assertThat(contains("203.0.113.0/24", "203.0.113.255")).isEqualTo(Tri.YES);
        assertThat(contains("203.0.113.0/24", "203.0.112.255")).isEqualTo(Tri.NO);
        assertThat(contains("203.0.113.7", "203.0.113.7")).isEqualTo(Tri.YES);
        assertThat(contains("10.0.0.0/9", "10.127.255.255")).isEqualTo(Tri.YES);
        assertThat(contains("10.0.0.0/9", "10.128.0.0")).isEqualTo(Tri.NO);
        assertThat(contains("0.0.0.0/0", "255.255.255.255")).isEqualTo(Tri.YES);
        assertThat(contains("10.1.2.3/8", "10.200.0.1")).isEqualTo(Tri.YES);
    }

    @Test
    void ipv6Blocks() {
        assertThat(contains("2001:DB8:1234:5678::/64", "2001:db8:1234:5678:ffff:ffff:ffff:ffff")).isEqualTo(Tri.YES);
        assertThat(contains("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::")).isEqualTo(Tri.NO);
        assertThat(contains("::/0", "::1")).isEqualTo(Tri.YES);
        assertThat(contains("::1", "0:0:0:0:0:0:0:1")).isEqualTo(Tri.YES);
        assertThat(contains("2001:db8::/32", "2001:db8::10.0.0.1")).isEqualTo(Tri.YES);
        assertThat(contains("fe80::/10", "fe80::1")).isEqualTo(Tri.YES);
    }

    @Test
    void familiesDoNotMixExceptIpv4Mapped() {
        assertThat(contains("::/0", "10.0.0.1")).isEqualTo(Tri.NO);
        assertThat(contains("0.0.0.0/0", "2001:db8::1")).isEqualTo(Tri.NO);
        assertThat(contains("10.0.0.0/8", "::ffff:10.1.2.3")).isEqualTo(Tri.YES);
    }

    @Test
    void requestValuesThatAreNotAddressesAreUnknown() {
        assertThat(contains("10.0.0.0/8", "10.0.0.1/32")).isEqualTo(Tri.UNKNOWN);
        assertThat(contains("10.0.0.0/8", "example.com")).isEqualTo(Tri.UNKNOWN);
        assertThat(contains("10.0.0.0/8", "")).isEqualTo(Tri.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/", "1.2.3.4/33", "1.2.3.4/-1", "1.2.3.4/1a",
            "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "12345::", ":1::", "1::2:", "::ffff:1.2.3", "2001:db8::/129",
            "localhost", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4/08x"})
    void refusesWhatIsNotACidrBlock(String text) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
