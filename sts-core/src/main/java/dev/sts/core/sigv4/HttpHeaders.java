package dev.sts.core.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, case-insensitive, multi-valued view of request headers. Names that differ only in case are
 * merged, values keeping the order in which they were given.
 */
public final class HttpHeaders {
    private static final HttpHeaders EMPTY = new HttpHeaders(Map.of());

    /** Keyed by lower-case name. */
    private final Map<String, List<String>> values;

    private HttpHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param headers names to values, as an HTTP server hands them over; a {@code null} list counts as absent
     * @throws NullPointerException if a name or a value is {@code null}
     */
    public static HttpHeaders of(Map<String, List<String>> headers) {
        if (headers.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> merged = new HashMap<>(headers.size() * 2);
        headers.forEach((name, list) -> {
            if (list == null || list.isEmpty()) {
                return;
            }
            merged.computeIfAbsent(lowerCase(name), n -> new ArrayList<>(list.size())).addAll(List.copyOf(list));
        });
        merged.replaceAll((name, list) -> List.copyOf(list));
        return new HttpHeaders(Collections.unmodifiableMap(merged));
    }

    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** The first value of the header, if it was sent. */
    public Optional<String> first(String name) {
        List<String> list = values.get(lowerCase(name));
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every value of the header in the order received; empty if it was not sent. */
    public List<String> all(String name) {
        return values.getOrDefault(lowerCase(name), List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(lowerCase(name));
    }

    /** The header names, lower-cased. */
    public Set<String> names() {
        return values.keySet();
    }

    /** A copy with {@code name} set to the single {@code value}, replacing any earlier values. */
    public HttpHeaders with(String name, String value) {
        Map<String, List<String>> copy = new HashMap<>(values);
        copy.put(lowerCase(name), List.of(value));
        return new HttpHeaders(Collections.unmodifiableMap(copy));
    }

    /** A copy without {@code name}. */
    public HttpHeaders without(String name) {
        if (!contains(name)) {
            return this;
        }
        Map<String, List<String>> copy = new HashMap<>(values);
        copy.remove(lowerCase(name));
        return new HttpHeaders(Collections.unmodifiableMap(copy));
    }

    static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Names only: header values can carry tokens. */
    @Override
    public String toString() {
        return "HttpHeaders" + values.keySet();
    }
}
