package dev.sts.core.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads policy element values out of JSON nodes, refusing wrong shapes with a message naming the element. */
final class JsonElements {
    private JsonElements() {
    }

    static String string(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw PolicyParser.malformed(path + ": must be a string");
        }
        return node.textValue();
    }

    /** A string, or a non-empty array of strings. */
    static List<String> strings(JsonNode node, String path) {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw PolicyParser.malformed(path + ": must be a string or an array of strings");
        }
        if (node.isEmpty()) {
            throw PolicyParser.malformed(path + ": must not be an empty array");
        }
        checkSize(node, path);
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                throw PolicyParser.malformed(path + "[" + i + "]: must be a string");
            }
            out.add(element.textValue());
        }
        return out;
    }

    /** A condition value or a non-empty array of them: strings, numbers and booleans, as their JSON text. */
    static List<String> scalars(JsonNode node, String path) {
        if (!node.isArray()) {
            return List.of(scalar(node, path));
        }
        if (node.isEmpty()) {
            throw PolicyParser.malformed(path + ": must have at least one value");
        }
        checkSize(node, path);
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(scalar(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static String scalar(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw PolicyParser.malformed(path + ": condition values must be strings, numbers or booleans");
    }

    static void checkSize(JsonNode array, String path) {
        if (array.size() > PolicyLimits.MAX_ARRAY_ELEMENTS) {
            throw PolicyParser.malformed(path + ": more than " + PolicyLimits.MAX_ARRAY_ELEMENTS + " elements");
        }
    }

    static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
