package dev.sts.core.port;

import dev.sts.core.iam.LongTermCredential;

import java.util.Optional;

/** Finds the long-term key behind an AKIA… id. Implemented by the IAM store and by its remote clients. */
public interface LongTermCredentialDirectory {
    Optional<LongTermCredential> find(String accessKeyId);
}
