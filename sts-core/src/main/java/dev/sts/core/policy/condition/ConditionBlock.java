package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A statement's Condition element: every condition must hold (AND). An empty block always holds. */
public final class ConditionBlock {
    private static final ConditionBlock EMPTY = new ConditionBlock(List.of());

    private final Condition[] conditions;
    private final List<String> referencedKeys;

    private ConditionBlock(List<Condition> conditions) {
        this.conditions = conditions.toArray(new Condition[0]);
        Map<String, String> keys = new LinkedHashMap<>();
        for (Condition condition : conditions) {
            keys.putIfAbsent(condition.lowerCaseKey(), condition.key());
            condition.variables().forEach(v -> keys.putIfAbsent(v.lowerCaseKey(), v.key()));
        }
        this.referencedKeys = List.copyOf(keys.values());
    }

    public static ConditionBlock of(List<Condition> conditions) {
        return conditions.isEmpty() ? EMPTY : new ConditionBlock(conditions);
    }

    public static ConditionBlock empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return conditions.length == 0;
    }

    public List<Condition> conditions() {
        return List.of(conditions);
    }

    /** Condition keys and variable keys the block reads, as the policy spells them, without duplicates. */
    public List<String> referencedKeys() {
        return referencedKeys;
    }

    public Tri evaluate(ContextKeys context) {
        Tri result = Tri.YES;
        for (Condition condition : conditions) {
            result = result.and(condition.evaluate(context));
            if (result == Tri.NO) {
                return result;
            }
        }
        return result;
    }

    /** The problems of the conditions that could not be decided. */
    public List<String> problems(ContextKeys context) {
        List<String> out = new ArrayList<>();
        for (Condition condition : conditions) {
            if (condition.evaluate(context) == Tri.UNKNOWN) {
                out.add(condition.problem(context));
            }
        }
        return out;
    }
}
