package dev.saascore.ui.views;

import dev.saascore.kernel.ai.AiUsageReport.Day;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The usage chart's drawing, without a server: bars only for days with calls, scales people can read. */
class AiUsageChartTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);

    @Test
    void drawsABarPerDayWithCallsScaledToARoundTopAndACostLineOverTheWholeRange() {
        String svg = AiUsageChart.svg(FIRST, FIRST.plusDays(9), List.of(
                new Day(FIRST.plusDays(2), 3, 1_000, 234, new BigDecimal("0.003712")),
                new Day(FIRST.plusDays(5), 1, 500, 117, new BigDecimal("0.001856"))));

        assertThat(heights(svg)).as("the day with twice the tokens has a bar twice as high").hasSize(2)
                .satisfies(h -> assertThat(h.get(0) / h.get(1)).isCloseTo(2.0, within(0.01)));
        assertThat(svg).contains(">2,000</text>", ">1,000</text>", ">0</text>")
                .as("the cost scale tops at 0.005 KWD").contains(">0.005</text>", ">0.0025</text>")
                .contains("<title>3 November 2026: 1,234 tokens (1,000 prompt, 234 completion), 3 calls, "
                        + "0.004 KWD (exactly 0.003712 KWD)</title>")
                .as("every second day is named").contains(">1 Nov</text>", ">3 Nov</text>", ">9 Nov</text>")
                .doesNotContain(">2 Nov</text>");
        Matcher line = Pattern.compile("class=\"cost-line\" points=\"([^\"]+)\"").matcher(svg);
        assertThat(line.find()).isTrue();
        assertThat(line.group(1).split(" ")).as("one point per day of the range").hasSize(10);
    }

    @Test
    void roundsScalesUpToOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(AiUsageChart.niceCeiling(new BigDecimal("1234"), BigDecimal.TEN)).isEqualByComparingTo("2000");
        assertThat(AiUsageChart.niceCeiling(new BigDecimal("1000"), BigDecimal.TEN)).isEqualByComparingTo("1000");
        assertThat(AiUsageChart.niceCeiling(new BigDecimal("5001"), BigDecimal.TEN)).isEqualByComparingTo("10000");
        assertThat(AiUsageChart.niceCeiling(new BigDecimal("0.000031"), new BigDecimal("0.001")))
                .as("never below the smallest useful scale").isEqualByComparingTo("0.001");
        assertThat(AiUsageChart.niceCeiling(BigDecimal.ZERO, BigDecimal.TEN)).isEqualByComparingTo("10");
    }

    @Test
    void escapesText() {
        assertThat(AiUsageChart.xml("<script>\"a\" & 'b'</script>"))
                .isEqualTo("&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
    }

    private static List<Double> heights(String svg) {
        return Pattern.compile("<rect class=\"bar\"[^>]*height=\"([0-9.]+)\"").matcher(svg).results()
                .map(match -> Double.parseDouble(match.group(1))).toList();
    }
}
