package dev.saascore.ui.views;

import com.vaadin.flow.component.html.Div;
import dev.saascore.kernel.ai.AiUsageReport;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tokens (bars, left axis) and cost (line, right axis) per UTC day, drawn as SVG on the server: no chart library
 * and no custom frontend bundle. Each bar and cost point carries a {@code <title>}, which browsers show as a
 * tooltip. Every text is escaped.
 */
class AiUsageChart extends Div {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 280;
    private static final int LEFT = 70;
    private static final int RIGHT = 80;
    private static final int TOP = 34;
    private static final int BOTTOM = 36;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final int MAX_DATE_LABELS = 8;
    private static final String COST_COLOUR = "#d97706";
    private static final DateTimeFormatter AXIS_DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    AiUsageChart() {
        setId("usage-chart");
        setWidthFull();
        getStyle().set("max-width", WIDTH + "px");
    }

    /** Draws the days from {@code from} to {@code to} (both included); days without calls stay empty. */
    void show(LocalDate from, LocalDate to, List<AiUsageReport.Day> days) {
        getElement().setProperty("innerHTML", svg(from, to, days));
    }

    static String svg(LocalDate from, LocalDate to, List<AiUsageReport.Day> days) {
        Map<LocalDate, AiUsageReport.Day> byDay = days.stream()
                .collect(Collectors.toMap(AiUsageReport.Day::day, Function.identity()));
        int dayCount = (int) ChronoUnit.DAYS.between(from, to) + 1;
        double slot = (double) PLOT_WIDTH / dayCount;
        BigDecimal tokenTop = niceCeiling(BigDecimal.valueOf(days.stream().mapToLong(AiUsageReport.Day::totalTokens)
                .max().orElse(0)), BigDecimal.TEN);
        BigDecimal costTop = niceCeiling(days.stream().map(AiUsageReport.Day::costKwd).reduce(BigDecimal.ZERO,
                BigDecimal::max), new BigDecimal("0.001"));

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"")
                .append(xml("Tokens and cost per day from " + from + " to " + to)).append("\" ")
                .append("style=\"font-family:var(--lumo-font-family);font-size:11px\">");
        legend(svg);
        axes(svg, tokenTop, costTop);
        dateLabels(svg, from, dayCount, slot);

        StringBuilder costLine = new StringBuilder();
        StringBuilder costPoints = new StringBuilder();
        for (int i = 0; i < dayCount; i++) {
            LocalDate date = from.plusDays(i);
            AiUsageReport.Day day = byDay.get(date);
            double centre = LEFT + slot * i + slot / 2;
            BigDecimal dayCost = day == null ? BigDecimal.ZERO : day.costKwd();
            double costY = y(dayCost, costTop);
            costLine.append(costLine.length() == 0 ? "" : " ").append(number(centre)).append(',').append(number(costY));
            if (day == null) {
                continue;
            }
            String title = Labels.day(date) + ": " + Labels.count(day.totalTokens()) + " tokens ("
                    + Labels.count(day.promptTokens()) + " prompt, " + Labels.count(day.completionTokens())
                    + " completion), " + Labels.count(day.calls()) + (day.calls() == 1 ? " call, " : " calls, ")
                    + Labels.kwd(day.costKwd()) + " (exactly " + Labels.exactKwd(day.costKwd()) + ")";
            double barWidth = Math.max(1, slot * 0.7);
            double top = y(BigDecimal.valueOf(day.totalTokens()), tokenTop);
            svg.append("<rect class=\"bar\" data-day=\"").append(date).append("\" x=\"")
                    .append(number(centre - barWidth / 2)).append("\" y=\"").append(number(top))
                    .append("\" width=\"").append(number(barWidth)).append("\" height=\"")
                    .append(number(TOP + PLOT_HEIGHT - top))
                    .append("\" style=\"fill:var(--lumo-primary-color-50pct)\"><title>").append(xml(title))
                    .append("</title></rect>");
            costPoints.append("<circle class=\"cost-point\" cx=\"").append(number(centre)).append("\" cy=\"")
                    .append(number(costY)).append("\" r=\"3.5\" style=\"fill:").append(COST_COLOUR).append("\"><title>")
                    .append(xml(title)).append("</title></circle>");
        }
        svg.append("<polyline class=\"cost-line\" points=\"").append(costLine).append("\" style=\"fill:none;stroke:")
                .append(COST_COLOUR).append(";stroke-width:2\"/>");
        svg.append(costPoints);
        return svg.append("</svg>").toString();
    }

    private static void legend(StringBuilder svg) {
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"8\" width=\"12\" height=\"12\" ")
                .append("style=\"fill:var(--lumo-primary-color-50pct)\"/>")
                .append(text(LEFT + 18, 18, "start", "Tokens"))
                .append("<line x1=\"").append(LEFT + 90).append("\" y1=\"14\" x2=\"").append(LEFT + 108)
                .append("\" y2=\"14\" style=\"stroke:").append(COST_COLOUR).append(";stroke-width:2\"/>")
                .append(text(LEFT + 114, 18, "start", "Cost (KWD)"));
    }

    /** Grid lines with the token scale on the left and the cost scale on the right, at 0, half and the top. */
    private static void axes(StringBuilder svg, BigDecimal tokenTop, BigDecimal costTop) {
        BigDecimal two = BigDecimal.valueOf(2);
        for (BigDecimal share : List.of(BigDecimal.ZERO, BigDecimal.ONE.divide(two), BigDecimal.ONE)) {
            double lineY = y(share, BigDecimal.ONE);
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(number(lineY)).append("\" x2=\"")
                    .append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(number(lineY))
                    .append("\" style=\"stroke:var(--lumo-contrast-20pct);stroke-width:1\"/>");
            svg.append(text(LEFT - 6, lineY + 4, "end", Labels.count(tokenTop.multiply(share).longValue())));
            svg.append(text(LEFT + PLOT_WIDTH + 6, lineY + 4, "start",
                    costTop.multiply(share).stripTrailingZeros().toPlainString()));
        }
    }

    private static void dateLabels(StringBuilder svg, LocalDate from, int dayCount, double slot) {
        int step = (dayCount + MAX_DATE_LABELS - 1) / MAX_DATE_LABELS;
        for (int i = 0; i < dayCount; i += step) {
            svg.append(text(LEFT + slot * i + slot / 2, TOP + PLOT_HEIGHT + 18, "middle",
                    AXIS_DATE.format(from.plusDays(i))));
        }
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor
                + "\" style=\"fill:var(--lumo-secondary-text-color)\">" + xml(content) + "</text>";
    }

    /** The vertical position of {@code value} on a scale from 0 (bottom) to {@code top}. */
    private static double y(BigDecimal value, BigDecimal top) {
        return TOP + PLOT_HEIGHT - value.divide(top, MathContext.DECIMAL64).doubleValue() * PLOT_HEIGHT;
    }

    /** The smallest 1, 2 or 5 × 10ⁿ at or above {@code max}, and at least {@code least}; exact, so labels stay exact. */
    static BigDecimal niceCeiling(BigDecimal max, BigDecimal least) {
        if (max.compareTo(least) <= 0) {
            return least;
        }
        int exponent = max.precision() - max.scale() - 1;
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(exponent);
        for (int factor : new int[] {1, 2, 5, 10}) {
            BigDecimal candidate = unit.multiply(BigDecimal.valueOf(factor));
            if (candidate.compareTo(max) >= 0) {
                return candidate.stripTrailingZeros();
            }
        }
        throw new IllegalStateException("unreachable: 10 units always exceed " + max);
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
