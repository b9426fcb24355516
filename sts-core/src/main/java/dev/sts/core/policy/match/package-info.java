/**
 * Matching primitives of the policy engine, compiled once at parse time: {@link dev.sts.core.policy.match.WildcardPattern}
 * (IAM's {@code *}/{@code ?} globs, matched without backtracking blow-up, optionally bound to ARN segments),
 * {@link dev.sts.core.policy.match.ArnPattern} (component-wise ARN matching for the ARN operators),
 * {@link dev.sts.core.policy.match.IpRange} (strict IPv4/IPv6 CIDR blocks) and the three-valued
 * {@link dev.sts.core.policy.match.Tri} with which undecidable parts fail closed. Internal to the engine.
 */
package dev.sts.core.policy.match;
