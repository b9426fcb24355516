package dev.sts.core.sigv4;

import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A derived signing key verifies the request of its own scope, and is useless for any other date, region or service. */
class SigV4SigningKeyTest {
    private final SigV4Verifier verifier = new SigV4Verifier(SdkReferenceSigner.clockAt(SdkReferenceSigner.SIGNED_AT));

    @Test
    void theKeyDerivedForTheRequestsScopeVerifiesAnSdkSignature() {
        SignedRequest request = SdkReferenceSigner.longTerm().signFormPost("Action=GetCallerIdentity&Version=2011-06-15");
        SignatureClaim claim = SigV4Parser.parse(request);
        byte[] key = SigningKeys.derive(SdkReferenceSigner.SECRET, claim.scope());
        assertThatCode(() -> verifier.verifyWithSigningKey(request, claim, key, "sts")).doesNotThrowAnyException();
    }

    @Test
    void aKeyDerivedForAnotherDateRegionOrServiceFails() {
        SignedRequest request = SdkReferenceSigner.longTerm().signFormPost("Action=GetCallerIdentity&Version=2011-06-15");
        SignatureClaim claim = SigV4Parser.parse(request);
        CredentialScope own = claim.scope();
        for (CredentialScope other : new CredentialScope[] {
                new CredentialScope("20261124", own.region(), own.service()),
                new CredentialScope(own.date(), "eu-west-1", own.service()),
                new CredentialScope(own.date(), own.region(), "iam")}) {
            byte[] key = SigningKeys.derive(SdkReferenceSigner.SECRET, other);
            assertThatThrownBy(() -> verifier.verifyWithSigningKey(request, claim, key, "sts"))
                    .isInstanceOf(StsException.class)
                    .hasMessage(SigV4Verifier.SIGNATURE_MISMATCH);
        }
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedOutright() {
        SignedRequest request = SdkReferenceSigner.longTerm().signFormPost("Action=GetCallerIdentity&Version=2011-06-15");
        SignatureClaim claim = SigV4Parser.parse(request);
        assertThatThrownBy(() -> verifier.verifyWithSigningKey(request, claim, new byte[16], "sts"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDerivationIsSecretAndScopeSpecific() {
        CredentialScope scope = new CredentialScope("20261123", "us-east-1", "sts");
        assertThat(SigningKeys.derive("a", scope)).hasSize(SigningKeys.LENGTH)
                .isEqualTo(SigningKeys.derive("a", scope))
                .isNotEqualTo(SigningKeys.derive("b", scope));
    }
}
