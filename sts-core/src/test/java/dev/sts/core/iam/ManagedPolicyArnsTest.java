package dev.sts.core.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedPolicyArnsTest {
    @Test
    void anAccountMayUseItsOwnPoliciesAndAwsManagedOnes() {
        assertThat(ManagedPolicyArns.attachableIn("111111111111", "arn:aws:iam::111111111111:policy/team/X")).isTrue();
        assertThat(ManagedPolicyArns.attachableIn("111111111111", "arn:aws:iam::aws:policy/ReadOnlyAccess")).isTrue();
    }

    @Test
    void anotherAccountsPolicyOrSomethingElseIsNotAttachable() {
        assertThat(ManagedPolicyArns.attachableIn("111111111111", "arn:aws:iam::222222222222:policy/X")).isFalse();
        assertThat(ManagedPolicyArns.attachableIn("111111111111", "arn:aws:iam::111111111111:role/X")).isFalse();
        assertThat(ManagedPolicyArns.attachableIn("111111111111", "not an arn")).isFalse();
    }
}
