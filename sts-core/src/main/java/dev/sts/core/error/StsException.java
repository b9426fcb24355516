package dev.sts.core.error;

import java.util.Objects;

/**
 * A refusal the caller is meant to see: an AWS error code and a message safe to send back.
 * The message never carries secrets; anything unexpected is not an StsException but becomes
 * {@link StsErrorCode#INTERNAL_FAILURE} at the service edge.
 */
public class StsException extends RuntimeException {
    private final StsErrorCode errorCode;

    public StsException(StsErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = Objects.requireNonNull(errorCode);
    }

    public StsErrorCode errorCode() {
        return errorCode;
    }

    public static StsException validation(String message) {
        return new StsException(StsErrorCode.VALIDATION_ERROR, message);
    }
}
