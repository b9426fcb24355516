package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.IpRange;
import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;

/** IpAddress / NotIpAddress values: IPv4 and IPv6 CIDR blocks, parsed at parse time. */
final class IpValues extends ConditionValues {
    private final IpRange[] ranges;

    IpValues(List<String> raw) {
        this.ranges = new IpRange[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            ranges[i] = IpRange.parse(raw.get(i));
        }
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        return IpRange.anyContains(ranges, requestValue);
    }

    @Override
    public List<PolicyVariable> variables() {
        return List.of();
    }

    @Override
    protected boolean acceptsRequestValue(String requestValue) {
        return IpRange.isAddress(requestValue);
    }

    @Override
    protected String expected() {
        return "an IP address";
    }
}
