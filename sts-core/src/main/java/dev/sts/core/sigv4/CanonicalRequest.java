package dev.sts.core.sigv4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The SigV4 canonical request of a received request, built as the AWS SDK for Java v2 builds it for non-S3
 * services:
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n payload hash
 * </pre>
 * <ul>
 *   <li>URI: the received path with dot-segments and empty segments removed (as {@link java.net.URI#normalize()},
 *       keeping a trailing slash only when the request had one), then every byte outside the unreserved set
 *       percent-encoded again, so {@code %20} becomes {@code %2520}; an empty path is {@code /}.</li>
 *   <li>Query: every parameter but {@code X-Amz-Signature} (presigned requests), name and value percent-decoded
 *       ({@code '+'} is a space) and re-encoded, sorted by name then value; empty names are left out.</li>
 *   <li>Headers: each signed header, lower-cased, its values trimmed with inner runs of whitespace collapsed to one
 *       space and joined with {@code ','}.</li>
 * </ul>
 */
public final class CanonicalRequest {
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

    private CanonicalRequest() {
    }

    /**
     * @param request       the request as received
     * @param signedHeaders the lower-case names of the headers to include, in the order the client listed them
     * @param presigned     whether to leave {@code X-Amz-Signature} out of the query
     * @param payloadHash   the hex SHA-256 of the body, or the value the client declared in {@code x-amz-content-sha256}
     */
    public static String of(SignedRequest request, List<String> signedHeaders, boolean presigned, String payloadHash) {
        StringBuilder out = new StringBuilder(256 + request.rawQuery().length() * 2);
        out.append(request.method()).append('\n');
        appendCanonicalUri(request.rawPath(), out);
        out.append('\n');
        appendCanonicalQuery(request.rawQuery(), presigned, out);
        out.append('\n');
        appendCanonicalHeaders(request.headers(), signedHeaders, out);
        out.append('\n');
        appendSignedHeaders(signedHeaders, out);
        out.append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    /** The canonical URI of a received, still percent-encoded path. */
    public static String canonicalUri(String rawPath) {
        StringBuilder out = new StringBuilder(rawPath == null ? 1 : rawPath.length() + 16);
        appendCanonicalUri(rawPath, out);
        return out.toString();
    }

    /** The canonical query string of a received query string (without {@code ?}). */
    public static String canonicalQuery(String rawQuery, boolean presigned) {
        StringBuilder out = new StringBuilder();
        appendCanonicalQuery(rawQuery, presigned, out);
        return out.toString();
    }

    /** The canonical header lines, each ending in a newline. */
    public static String canonicalHeaders(HttpHeaders headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        appendCanonicalHeaders(headers, signedHeaders, out);
        return out.toString();
    }

    private static void appendCanonicalUri(String rawPath, StringBuilder out) {
        if (rawPath == null || rawPath.isEmpty()) {
            out.append('/');
            return;
        }
        PercentCodec.encodeKeepingSlashes(normalizePath(rawPath), out);
    }

    /**
     * Removes empty, {@code .} and {@code ..} segments as {@link java.net.URI#normalize()} does for an absolute
     * path (a {@code ..} with nothing left to remove is kept), then drops a trailing slash that normalisation
     * left behind when the received path did not end with one. This is what the SDK signs for non-S3 services.
     * Percent-encoded dots ({@code %2E}) are not dot-segments.
     */
    static String normalizePath(String rawPath) {
        String path = rawPath.charAt(0) == '/' ? rawPath : "/" + rawPath;
        if (!needsNormalization(path)) {
            return path;
        }
        // Each kept segment remembers whether a '/' followed it in the received path.
        List<String> segments = new ArrayList<>();
        List<Boolean> slashAfter = new ArrayList<>();
        int length = path.length();
        int start = 1;
        while (start < length) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                String segment = path.substring(start, end);
                boolean followed = end < length;
                int last = segments.size() - 1;
                if (segment.equals(".")) {
                    // dropped
                } else if (segment.equals("..") && last >= 0 && !segments.get(last).equals("..")) {
                    segments.remove(last);
                    slashAfter.remove(last);
                } else {
                    segments.add(segment);
                    slashAfter.add(followed);
                }
            }
            start = end + 1;
        }
        StringBuilder normalized = new StringBuilder(length);
        normalized.append('/');
        for (int i = 0; i < segments.size(); i++) {
            normalized.append(segments.get(i));
            if (slashAfter.get(i)) {
                normalized.append('/');
            }
        }
        boolean trimTrailingSlash = normalized.length() > 1 && normalized.charAt(normalized.length() - 1) == '/'
                && path.charAt(path.length() - 1) != '/';
        if (trimTrailingSlash) {
            normalized.setLength(normalized.length() - 1);
        }
        return normalized.toString();
    }

    private static boolean needsNormalization(String path) {
        if (path.contains("//")) {
            return true;
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int segmentLength = end - start;
            if ((segmentLength == 1 && path.charAt(start) == '.')
                    || (segmentLength == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static void appendCanonicalQuery(String rawQuery, boolean presigned, StringBuilder out) {
        List<RawQuery.Piece> pieces = RawQuery.split(rawQuery);
        if (pieces.isEmpty()) {
            return;
        }
        String[][] encoded = new String[pieces.size()][];
        int n = 0;
        StringBuilder scratch = new StringBuilder(64);
        for (RawQuery.Piece piece : pieces) {
            byte[] name = PercentCodec.decodeQueryComponent(piece.rawName(), 0, piece.rawName().length());
            if (name.length == 0) {
                continue; // The SDK does not sign parameters without a name.
            }
            scratch.setLength(0);
            PercentCodec.encode(name, scratch);
            String encodedName = scratch.toString();
            if (presigned && encodedName.equals(SIGNATURE_PARAMETER)) {
                continue;
            }
            scratch.setLength(0);
            PercentCodec.encode(PercentCodec.decodeQueryComponent(piece.rawValue(), 0, piece.rawValue().length()), scratch);
            encoded[n++] = new String[] {encodedName, scratch.toString()};
        }
        if (n == 0) {
            return;
        }
        Arrays.sort(encoded, 0, n, BY_NAME_THEN_VALUE);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append('&');
            }
            out.append(encoded[i][0]).append('=').append(encoded[i][1]);
        }
    }

    private static void appendCanonicalHeaders(HttpHeaders headers, List<String> signedHeaders, StringBuilder out) {
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = headers.all(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendTrimmed(values.get(i), out);
            }
            out.append('\n');
        }
    }

    private static void appendSignedHeaders(List<String> signedHeaders, StringBuilder out) {
        for (int i = 0; i < signedHeaders.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            out.append(signedHeaders.get(i));
        }
    }

    /** Trims the value and collapses each inner run of whitespace into one space, as the SDK does. */
    private static void appendTrimmed(String value, StringBuilder out) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
    }
}
