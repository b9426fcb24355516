/**
 * Policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'default'}}, and the escapes
 * {@code ${*}}, {@code ${?}}, {@code ${$}}) as parsed {@link dev.sts.core.policy.variable.PolicyTemplate}s,
 * substituted per request from the {@link dev.sts.core.policy.variable.ContextKeys} of the request; only
 * policies in language version 2012-10-17 have them. Internal to the engine.
 */
package dev.sts.core.policy.variable;
