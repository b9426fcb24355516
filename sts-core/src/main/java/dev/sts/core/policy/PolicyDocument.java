package dev.sts.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated policy: its statements hold pre-compiled matchers (wildcards, CIDRs, dates, numbers),
 * so evaluation does no JSON work. Immutable and safe to share between threads.
 */
public final class PolicyDocument {
    /** The policy language version assumed when {@code Version} is absent. */
    public static final String VERSION_2008 = "2008-10-17";
    /** The version that enables policy variables. */
    public static final String VERSION_2012 = "2012-10-17";

    private final String version;
    private final Optional<String> id;
    private final List<Statement> statements;
    private final String json;
    private final PolicyKind kind;

    PolicyDocument(String version, Optional<String> id, List<Statement> statements, String json, PolicyKind kind) {
        this.version = Objects.requireNonNull(version);
        this.id = Objects.requireNonNull(id);
        this.statements = List.copyOf(statements);
        this.json = Objects.requireNonNull(json);
        this.kind = Objects.requireNonNull(kind);
    }

    /** {@code 2008-10-17} or {@code 2012-10-17} ({@code 2008-10-17} when the document has no Version). */
    public String version() {
        return version;
    }

    public Optional<String> id() {
        return id;
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The document exactly as it was parsed. */
    public String json() {
        return json;
    }

    /** The rules the document was validated against (inferred from Principal when not given). */
    public PolicyKind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "PolicyDocument[" + version + ", " + statements.size() + " statements]";
    }
}
