/**
 * Service credentials: the bearer tokens the platform's own services and operators present to each other's
 * private APIs, one {@link dev.sts.core.credential.ServiceScope} per privilege (key resolution, the authorize
 * API, the admin API). A token is {@code <name>.<secret>}; only its SHA-256 digest is kept, and a presented
 * token is compared by digest in constant time. {@link dev.sts.core.credential.ServiceCredentialGate} decides,
 * from the request path alone, which scope a request needs and whether the presented token has it.
 */
package dev.sts.core.credential;
