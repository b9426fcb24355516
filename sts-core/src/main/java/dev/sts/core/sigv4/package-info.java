/**
 * AWS Signature Version 4 for incoming requests: {@link dev.sts.core.sigv4.SigV4Parser} reads what a request
 * claims (from the {@code Authorization} header or a presigned query string) into a
 * {@link dev.sts.core.sigv4.SignatureClaim}, and {@link dev.sts.core.sigv4.SigV4Verifier} checks that claim
 * against the request and the caller's secret: the 5-minute clock window, presigned expiry, the credential
 * scope, then the signature over the {@link dev.sts.core.sigv4.CanonicalRequest}, compared in constant time.
 * Canonicalisation follows the AWS SDK for Java v2 signer for non-S3 services (paths normalised and encoded
 * twice, query parameters decoded then re-encoded with the RFC 3986 unreserved set), and the tests hold it
 * to that signer. Everything here is plain Java; refusals are {@link dev.sts.core.error.StsException}s whose
 * messages never carry a secret or the expected signature.
 */
package dev.sts.core.sigv4;
