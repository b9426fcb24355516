package dev.sts.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and validates IAM policy documents into {@link PolicyDocument}s with every matcher compiled.
 *
 * <p>Strict on purpose: strict JSON (no comments, no trailing commas, no duplicate keys, nothing after the
 * document), element names case-sensitive as AWS spells them and unknown elements refused, at most
 * {@link PolicyLimits#MAX_DOCUMENT_CHARS} characters (checked before parsing), {@link PolicyLimits#MAX_NESTING_DEPTH}
 * levels of nesting and {@link PolicyLimits#MAX_ARRAY_ELEMENTS} elements per array, and every value checked
 * for its element (actions, resources, principals, operators, dates, numbers, CIDRs, base64, Sid uniqueness).
 * Every refusal is a {@link StsException} with {@link StsErrorCode#MALFORMED_POLICY_DOCUMENT} whose message
 * says what and where ({@code "Statement[2].Condition: unknown operator StringEqualz"},
 * {@code "Syntax errors in policy. (line 3, column 7)"}); nothing else escapes.
 *
 * <p>Which rules apply depends on the {@link PolicyKind}. Without one, the document's own shape decides:
 * if any statement has Principal or NotPrincipal it is read as a {@link PolicyKind#RESOURCE} policy (every
 * statement needs a principal; Resource optional), otherwise as an {@link PolicyKind#IDENTITY} policy.
 */
public final class PolicyParser {
    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(PolicyLimits.MAX_NESTING_DEPTH)
                    .maxNumberLength(PolicyLimits.MAX_NUMBER_CHARS)
                    .maxStringLength(PolicyLimits.MAX_DOCUMENT_CHARS)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private PolicyParser() {
    }

    /** Parses a document, inferring identity or resource rules from its Principal elements. */
    public static PolicyDocument parse(String json) {
        return parse(json, null);
    }

    /**
     * @param kind the rules to validate against; null to infer them (see the class comment)
     * @throws StsException MALFORMED_POLICY_DOCUMENT, saying what and where
     */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        if (json == null || json.isBlank()) {
            throw malformed("Syntax errors in policy. (line 1, column 1): the document is empty");
        }
        if (json.length() > PolicyLimits.MAX_DOCUMENT_CHARS) {
            throw malformed("Policy document is longer than " + PolicyLimits.MAX_DOCUMENT_CHARS + " characters");
        }
        JsonNode root = readTree(json);
        if (!(root instanceof ObjectNode document)) {
            throw malformed("Syntax errors in policy. The policy must be a JSON object");
        }
        return readDocument(document, json, kind);
    }

    /** Same as {@link #parse(String)}, reading UTF-8 bytes; anything that is not valid UTF-8 is refused. */
    public static PolicyDocument parse(byte[] utf8Json) {
        return parse(utf8Json, null);
    }

    /** Same as {@link #parse(String, PolicyKind)}, reading UTF-8 bytes; anything that is not valid UTF-8 is refused. */
    public static PolicyDocument parse(byte[] utf8Json, PolicyKind kind) {
        if (utf8Json == null) {
            throw malformed("Syntax errors in policy. (line 1, column 1): the document is empty");
        }
        if (utf8Json.length > 4L * PolicyLimits.MAX_DOCUMENT_CHARS) {
            throw malformed("Policy document is longer than " + PolicyLimits.MAX_DOCUMENT_CHARS + " characters");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8Json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("Policy document is not valid UTF-8");
        }
        return parse(text, kind);
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw malformed(syntaxError(e.getLocation(), limitDetail(e)));
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            String detail = original.startsWith("Duplicate field") ? "duplicate key " + original.substring("Duplicate field ".length())
                    : original.contains("Trailing token") ? "unexpected content after the policy" : null;
            throw malformed(syntaxError(e.getLocation(), detail));
        } catch (RuntimeException e) {
            throw malformed("Syntax errors in policy.");
        }
    }

    private static String limitDetail(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "nested deeper than " + PolicyLimits.MAX_NESTING_DEPTH + " levels";
        }
        if (message.contains("Number value length")) {
            return "a number longer than " + PolicyLimits.MAX_NUMBER_CHARS + " characters";
        }
        return "a size limit is exceeded";
    }

    private static String syntaxError(JsonLocation location, String detail) {
        StringBuilder message = new StringBuilder("Syntax errors in policy.");
        if (location != null && location.getLineNr() > 0) {
            message.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(')');
        }
        if (detail != null) {
            message.append(": ").append(detail.length() > 160 ? detail.substring(0, 160) + "..." : detail);
        }
        return message.toString();
    }

    private static PolicyDocument readDocument(ObjectNode document, String json, PolicyKind requestedKind) {
        for (Map.Entry<String, JsonNode> element : document.properties()) {
            String name = element.getKey();
            if (!DOCUMENT_ELEMENTS.contains(name)) {
                throw malformed("Policy: unknown element \"" + JsonElements.shorten(name) + "\"");
            }
        }
        String version = PolicyDocument.VERSION_2008;
        if (document.has("Version")) {
            version = JsonElements.string(document.get("Version"), "Version");
            if (!version.equals(PolicyDocument.VERSION_2008) && !version.equals(PolicyDocument.VERSION_2012)) {
                throw malformed("Version: must be \"2008-10-17\" or \"2012-10-17\", not \"" + JsonElements.shorten(version) + "\"");
            }
        }
        Optional<String> id = document.has("Id") ? Optional.of(JsonElements.string(document.get("Id"), "Id")) : Optional.empty();
        if (!document.has("Statement")) {
            throw malformed("Policy: missing required element Statement");
        }
        List<ObjectNode> statementNodes = statementNodes(document.get("Statement"));
        PolicyKind kind = requestedKind != null ? requestedKind : inferKind(statementNodes);
        StatementParser statementParser = new StatementParser(kind, version.equals(PolicyDocument.VERSION_2012));
        List<Statement> statements = new ArrayList<>(statementNodes.size());
        Map<String, Integer> sids = new HashMap<>();
        for (int i = 0; i < statementNodes.size(); i++) {
            Statement statement = statementParser.parse(statementNodes.get(i), i);
            if (statement.sid().isPresent()) {
                Integer earlier = sids.putIfAbsent(statement.sid().get(), i);
                if (earlier != null) {
                    throw malformed("Statement[" + i + "].Sid: duplicate Sid \"" + JsonElements.shorten(statement.sid().get())
                            + "\" (also Statement[" + earlier + "]); Statement IDs (SID) in a single policy must be unique");
                }
            }
            statements.add(statement);
        }
        return new PolicyDocument(version, id, statements, json, kind);
    }

    private static List<ObjectNode> statementNodes(JsonNode node) {
        List<ObjectNode> out = new ArrayList<>();
        if (node instanceof ObjectNode single) {
            out.add(single);
            return out;
        }
        if (!node.isArray()) {
            throw malformed("Statement: must be an object or an array of objects");
        }
        if (node.isEmpty()) {
            throw malformed("Statement: must contain at least one statement");
        }
        JsonElements.checkSize(node, "Statement");
        for (int i = 0; i < node.size(); i++) {
            if (!(node.get(i) instanceof ObjectNode statement)) {
                throw malformed("Statement[" + i + "]: must be an object");
            }
            out.add(statement);
        }
        return out;
    }

    private static PolicyKind inferKind(List<ObjectNode> statements) {
        for (ObjectNode statement : statements) {
            if (statement.has("Principal") || statement.has("NotPrincipal")) {
                return PolicyKind.RESOURCE;
            }
        }
        return PolicyKind.IDENTITY;
    }

    static StsException malformed(String message) {
        return new StsException(StsErrorCode.MALFORMED_POLICY_DOCUMENT, message);
    }
}
