package io.memberflow.admin;

import java.util.Map;

/** Small inline SVG pictures for the console (no script, no external files). */
final class Svg {
    private Svg() {
    }

    /** Horizontal bars, one per entry, labelled with its name and count. */
    static String bars(Map<String, Long> counts, String id) {
        long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int rowHeight = 20;
        int width = 360;
        int labelWidth = 90;
        StringBuilder b = new StringBuilder("<svg id=\"" + Html.esc(id) + "\" class=\"chart\" role=\"img\" width=\"" + width
                + "\" height=\"" + (rowHeight * counts.size() + 4) + "\" viewBox=\"0 0 " + width + " "
                + (rowHeight * counts.size() + 4) + "\"><title>Members by state</title>");
        int y = 2;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            int w = (int) Math.round((width - labelWidth - 60) * (double) e.getValue() / max);
            b.append("<text x=\"0\" y=\"").append(y + 14).append("\" font-size=\"12\">").append(Html.esc(e.getKey()))
                    .append("</text><rect class=\"bar ").append(Html.esc(e.getKey())).append("\" x=\"").append(labelWidth)
                    .append("\" y=\"").append(y + 3).append("\" width=\"").append(Math.max(w, e.getValue() > 0 ? 2 : 0))
                    .append("\" height=\"14\" rx=\"2\"></rect><text x=\"").append(labelWidth + w + 6).append("\" y=\"")
                    .append(y + 14).append("\" font-size=\"12\">").append(e.getValue()).append("</text>");
            y += rowHeight;
        }
        return b.append("</svg>").toString();
    }

    /** A line over the values (oldest first), with the peak written beside it. */
    static String sparkline(int[] values, String id, String title) {
        int width = 300;
        int height = 40;
        int max = 1;
        for (int v : values) {
            max = Math.max(max, v);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double x = values.length == 1 ? 0 : (double) i * width / (values.length - 1);
            double y = height - 2 - (double) values[i] * (height - 6) / max;
            points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<svg id=\"" + Html.esc(id) + "\" class=\"spark\" role=\"img\" width=\"" + (width + 70) + "\" height=\""
                + height + "\" viewBox=\"0 0 " + (width + 70) + " " + height + "\"><title>" + Html.esc(title) + "</title>"
                + "<line x1=\"0\" y1=\"" + (height - 1) + "\" x2=\"" + width + "\" y2=\"" + (height - 1)
                + "\" stroke=\"#ccc\"></line><polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.5\" points=\""
                + points.toString().trim() + "\"></polyline><text x=\"" + (width + 6) + "\" y=\"12\" font-size=\"11\">peak "
                + max + "/min</text></svg>";
    }

    /** A bar filled to {@code done / total}. */
    static String progress(int done, int total, String id) {
        int width = 200;
        int filled = total <= 0 ? 0 : (int) Math.round(width * Math.min(1.0, (double) done / total));
        return "<svg id=\"" + Html.esc(id) + "\" class=\"progress\" role=\"img\" width=\"" + width + "\" height=\"10\""
                + " viewBox=\"0 0 " + width + " 10\"><title>" + done + " of " + total + "</title><rect x=\"0\" y=\"0\" width=\""
                + width + "\" height=\"10\" rx=\"3\" fill=\"#e5e7eb\"></rect><rect x=\"0\" y=\"0\" width=\"" + filled
                + "\" height=\"10\" rx=\"3\" fill=\"#2563eb\"></rect></svg>";
    }
}
