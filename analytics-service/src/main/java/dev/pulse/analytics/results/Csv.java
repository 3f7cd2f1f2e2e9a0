package dev.pulse.analytics.results;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV with a header row. Text that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, tab or CR) is prefixed with an apostrophe, since unit names come from the directory.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    /** What a suppressed cell says in CSV instead of numbers. */
    public static final String SUPPRESSED = "suppressed";

    private final int columns;
    private final List<String> lines = new ArrayList<>();

    public Csv(String... header) {
        this.columns = header.length;
        lines.add(line((Object[]) header));
    }

    public Csv row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        lines.add(line(values));
        return this;
    }

    private static String line(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(escape(values[i]));
        }
        return line.toString();
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    @Override
    public String toString() {
        return String.join("\r\n", lines) + "\r\n";
    }
}
