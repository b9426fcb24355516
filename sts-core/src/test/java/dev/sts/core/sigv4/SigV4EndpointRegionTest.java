package dev.sts.core.sigv4;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.sts.core.sigv4.SdkReferenceSigner.FORM_BODY;
import static dev.sts.core.sigv4.SdkReferenceSigner.SECRET;
import static dev.sts.core.sigv4.SdkReferenceSigner.SIGNED_AT;
import static dev.sts.core.sigv4.SdkReferenceSigner.clockAt;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verifier built for an endpoint accepts only scopes naming that endpoint's region, as AWS does. */
class SigV4EndpointRegionTest {
    private final SigV4Verifier usEast1 = new SigV4Verifier(clockAt(SIGNED_AT.plusSeconds(2)), "us-east-1");

    @Test
    void aRequestSignedForTheEndpointsRegionIsAccepted() {
        SignedRequest request = SdkReferenceSigner.longTerm().region("us-east-1").signFormPost(FORM_BODY);

        assertThatCode(() -> usEast1.verify(request, SigV4Parser.parse(request), SECRET, "sts")).doesNotThrowAnyException();
    }

    @Test
    void aRequestSignedForAnotherRealRegionIsRefusedNamingThatRegion() {
        SignedRequest request = SdkReferenceSigner.longTerm().region("eu-west-1").signFormPost(FORM_BODY);

        assertRefusedFor(request, "eu-west-1");
    }

    @Test
    void aRequestSignedForAMadeUpRegionIsRefusedNamingThatRegion() {
        SignedRequest request = SdkReferenceSigner.longTerm().region("zz-fake-9").signFormPost(FORM_BODY);

        assertRefusedFor(request, "zz-fake-9");
    }

    @Test
    void aPresignedUrlForAnotherRegionIsRefusedAndOneForTheEndpointsRegionIsAccepted() {
        SignedRequest other = SdkReferenceSigner.longTerm().region("eu-west-1").presigned(Duration.ofMinutes(5))
                .signGet("/", java.util.Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));
        SignedRequest own = SdkReferenceSigner.longTerm().region("us-east-1").presigned(Duration.ofMinutes(5))
                .signGet("/", java.util.Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));

        assertRefusedFor(other, "eu-west-1");
        assertThatCode(() -> usEast1.verify(own, SigV4Parser.parse(own), SECRET, "sts")).doesNotThrowAnyException();
    }

    @Test
    void iamsGlobalEndpointSignsForUsEast1Too() {
        SignedRequest own = SdkReferenceSigner.longTerm().service("iam").region("us-east-1").signFormPost(FORM_BODY);
        SignedRequest other = SdkReferenceSigner.longTerm().service("iam").region("us-west-2").signFormPost(FORM_BODY);

        assertThatCode(() -> usEast1.verify(own, SigV4Parser.parse(own), SECRET, "iam")).doesNotThrowAnyException();
        assertThatThrownBy(() -> usEast1.verify(other, SigV4Parser.parse(other), SECRET, "iam"))
                .isInstanceOf(StsException.class)
                .hasMessage("Credential should be scoped to a valid region, not 'us-west-2'. ");
    }

    @Test
    void theScopeAloneIsCheckedWithoutAnySecret() {
        SignedRequest other = SdkReferenceSigner.longTerm().region("eu-west-1").signFormPost(FORM_BODY);
        SignedRequest own = SdkReferenceSigner.longTerm().region("us-east-1").signFormPost(FORM_BODY);

        assertThatThrownBy(() -> usEast1.checkScope(SigV4Parser.parse(other), "sts"))
                .isInstanceOfSatisfying(StsException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH))
                .hasMessage("Credential should be scoped to a valid region, not 'eu-west-1'. ");
        assertThatCode(() -> usEast1.checkScope(SigV4Parser.parse(own), "sts")).doesNotThrowAnyException();
    }

    @Test
    void aVerifierWithoutAnEndpointRegionAcceptsAnyRegion() {
        SigV4Verifier anyRegion = new SigV4Verifier(clockAt(SIGNED_AT.plusSeconds(2)));
        SignedRequest request = SdkReferenceSigner.longTerm().region("eu-west-1").signFormPost(FORM_BODY);

        assertThatCode(() -> anyRegion.verify(request, SigV4Parser.parse(request), SECRET, "sts")).doesNotThrowAnyException();
    }

    private void assertRefusedFor(SignedRequest request, String region) {
        assertThatThrownBy(() -> usEast1.verify(request, SigV4Parser.parse(request), SECRET, "sts"))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH);
                    org.assertj.core.api.Assertions.assertThat(e.errorCode().httpStatus()).isEqualTo(403);
                })
                .hasMessage("Credential should be scoped to a valid region, not '" + region + "'. ");
    }
}
