package dev.sts.core.sigv4;

import java.util.ArrayList;
import java.util.List;

/** A received query string cut into its {@code name=value} pieces, nothing decoded yet. */
final class RawQuery {
    /** One piece; {@code value} is empty when the piece had no {@code '='}. */
    record Piece(String rawName, String rawValue) {
        String name() {
            return PercentCodec.decodeQueryComponentToString(rawName, 0, rawName.length());
        }

        String value() {
            return PercentCodec.decodeQueryComponentToString(rawValue, 0, rawValue.length());
        }
    }

    private RawQuery() {
    }

    /** The pieces in order; empty pieces ({@code a=1&&b=2}) are skipped. */
    static List<Piece> split(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    pieces.add(new Piece(rawQuery.substring(start, end), ""));
                } else {
                    pieces.add(new Piece(rawQuery.substring(start, eq), rawQuery.substring(eq + 1, end)));
                }
            }
            start = end + 1;
        }
        return pieces;
    }
}
