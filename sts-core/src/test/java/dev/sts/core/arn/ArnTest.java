package dev.sts.core.arn;

import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArnTest {
    @Test
    void parsesAndFormatsRoundTrip() {
        for (String text : new String[]{"arn:aws:iam::111111111111:root", "arn:aws:iam::111111111111:user/division/alice",
                "arn:aws:sts::111111111111:assumed-role/Admin/session@x", "arn:aws:s3:::bucket/key:with:colons",
                "arn:aws:iam::aws:policy/AdministratorAccess"}) {
            assertThat(Arn.parse(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void splitsOnlyTheFirstFiveColons() {
        Arn arn = Arn.parse("arn:aws:s3:::bucket/key:with:colons");
        assertThat(arn.service()).isEqualTo("s3");
        assertThat(arn.account()).isEmpty();
        assertThat(arn.resource()).isEqualTo("bucket/key:with:colons");
        assertThat(Arn.parse("arn:aws:iam::111111111111:user/a/b").resourceType()).isEqualTo("user");
    }

    @Test
    void refusesWhatIsNotAnArn() {
        for (String bad : new String[]{"", "arn:aws", "urn:aws:iam::1:root", "arn::iam::1:root", "arn:aws:iam::1:",
                "arn:aws:iam::" + "x".repeat(3000)}) {
            assertThatThrownBy(() -> Arn.parse(bad)).isInstanceOf(StsException.class);
        }
        assertThatThrownBy(() -> Arn.parse(null)).isInstanceOf(StsException.class);
    }
}
