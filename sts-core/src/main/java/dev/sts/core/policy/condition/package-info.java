/**
 * The Condition element: {@link dev.sts.core.policy.condition.ConditionOperator} (every IAM operator),
 * {@link dev.sts.core.policy.condition.OperatorSpec} (with {@code ForAllValues:}/{@code ForAnyValue:} and
 * {@code IfExists}), each key's values compiled for its operator's family ({@link dev.sts.core.policy.condition.ConditionValues}),
 * and the AND of a statement's conditions ({@link dev.sts.core.policy.condition.ConditionBlock}). The semantics of
 * absent keys, negation and set qualifiers are in {@link dev.sts.core.policy.condition.Condition}'s comment.
 * Internal to the engine.
 */
package dev.sts.core.policy.condition;
