package dev.saascore.ui.views;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiUsageReport;
import dev.saascore.kernel.ai.AiUsageReport.Breakdown;
import dev.saascore.kernel.ai.FindAiUsageReport;
import dev.saascore.ui.security.StaffPrincipal;
import jakarta.annotation.security.RolesAllowed;
import org.axonframework.queryhandling.QueryGateway;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What the organisation used of the AI gateway over a range of UTC days: tokens and cost per day as a chart, and
 * a table by model and user or API key with totals. Costs are shown in KWD with three decimals; the exact amount
 * charged (six decimals) is in the tooltip.
 */
@Route(value = "ai/usage", layout = MainLayout.class)
@PageTitle("AI usage · SaaS core")
@RolesAllowed({"OWNER", "ADMIN", "FINANCE", "AUDITOR"})
public class AiUsageView extends VerticalLayout {

    /** A longer range would squeeze a year's bars below a pixel each. */
    static final int MAX_DAYS = 366;

    private final QueryGateway queries;
    private final TenantId tenantId;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Paragraph summary = new Paragraph();
    private final Paragraph empty = new Paragraph("No AI calls in this range yet. Answers in the AI playground "
            + "and calls through the API appear here.");
    private final AiUsageChart chart = new AiUsageChart();
    private final Grid<Breakdown> grid = new Grid<>(Breakdown.class, false);
    private final Grid.Column<Breakdown> actorColumn;
    private final Grid.Column<Breakdown> callsColumn;
    private final Grid.Column<Breakdown> promptColumn;
    private final Grid.Column<Breakdown> completionColumn;
    private final Grid.Column<Breakdown> totalColumn;
    private final Grid.Column<Breakdown> costColumn;

    public AiUsageView(QueryGateway queries, AuthenticationContext authentication, Clock clock) {
        this.queries = queries;
        this.tenantId = authentication.getAuthenticatedUser(StaffPrincipal.class).orElseThrow().account().tenantId();
        setSizeFull();

        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        from.setId("usage-from");
        to.setId("usage-to");
        DatePicker.DatePickerI18n isoDates = new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd");
        from.setI18n(isoDates);
        to.setI18n(isoDates);
        from.setValue(today.withDayOfMonth(1));
        to.setValue(today);
        to.setHelperText("Days in UTC, both included.");
        from.addValueChangeListener(change -> refresh());
        to.addValueChangeListener(change -> refresh());
        HorizontalLayout range = new HorizontalLayout(from, to);
        range.setAlignItems(FlexComponent.Alignment.BASELINE);

        summary.setId("usage-summary");
        empty.setId("usage-empty");
        grid.setId("usage-breakdown");
        grid.setEmptyStateText("No AI calls in this range.");
        actorColumn = grid.addColumn(Breakdown::actorName).setHeader("User or API key").setAutoWidth(true)
                .setSortable(true);
        grid.addColumn(Breakdown::model).setHeader("Model").setAutoWidth(true).setSortable(true);
        callsColumn = countColumn("Calls", Breakdown::calls);
        promptColumn = countColumn("Prompt tokens", Breakdown::promptTokens);
        completionColumn = countColumn("Completion tokens", Breakdown::completionTokens);
        totalColumn = countColumn("Total tokens", Breakdown::totalTokens);
        costColumn = grid.addColumn(row -> Labels.dinars(row.costKwd())).setHeader("Cost (KWD)")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                .setComparator(Breakdown::costKwd)
                .setTooltipGenerator(row -> "Exactly " + Labels.exactKwd(row.costKwd()));

        add(ViewHeader.of("AI usage"), range, summary, empty, chart, grid);
        expand(grid);
        refresh();
    }

    private Grid.Column<Breakdown> countColumn(String header, ToLongFunction<Breakdown> count) {
        return grid.addColumn(row -> Labels.count(count.applyAsLong(row))).setHeader(header)
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true)
                .setComparator((a, b) -> Long.compare(count.applyAsLong(a), count.applyAsLong(b)));
    }

    private void refresh() {
        from.setInvalid(false);
        to.setInvalid(false);
        LocalDate first = from.getValue();
        LocalDate last = to.getValue();
        if (first == null || last == null) {
            (first == null ? from : to).setErrorMessage("Choose a day.");
            (first == null ? from : to).setInvalid(true);
            return;
        }
        if (last.isBefore(first)) {
            to.setErrorMessage("Choose a day on or after the first day.");
            to.setInvalid(true);
            return;
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            to.setErrorMessage("Choose at most " + MAX_DAYS + " days.");
            to.setInvalid(true);
            return;
        }
        show(first, last, queries.query(new FindAiUsageReport(tenantId, first, last), AiUsageReport.class).join());
    }

    private void show(LocalDate first, LocalDate last, AiUsageReport report) {
        List<Breakdown> rows = report.breakdown();
        long calls = rows.stream().mapToLong(Breakdown::calls).sum();
        long prompt = rows.stream().mapToLong(Breakdown::promptTokens).sum();
        long completion = rows.stream().mapToLong(Breakdown::completionTokens).sum();
        BigDecimal cost = rows.stream().map(Breakdown::costKwd).reduce(BigDecimal.ZERO, BigDecimal::add);

        summary.setText(Labels.count(prompt + completion) + " tokens in " + Labels.count(calls)
                + (calls == 1 ? " call" : " calls") + ", costing " + Labels.kwd(cost) + ". Refused calls: "
                + Labels.count(report.rejections()) + ".");
        summary.getElement().setAttribute("title", "Exact cost: " + Labels.exactKwd(cost));
        boolean used = calls > 0;
        empty.setVisible(!used);
        chart.setVisible(used);
        grid.setVisible(used);
        chart.show(first, last, report.days());
        grid.setItems(rows);
        actorColumn.setFooter("Total");
        callsColumn.setFooter(Labels.count(calls));
        promptColumn.setFooter(Labels.count(prompt));
        completionColumn.setFooter(Labels.count(completion));
        totalColumn.setFooter(Labels.count(prompt + completion));
        costColumn.setFooter(Labels.dinars(cost));
    }
}
