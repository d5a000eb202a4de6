package org.steward.activity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import tools.jackson.databind.json.JsonMapper;

/** The report's charts as JSON for a data attribute (charts.js draws them; no inline script). */
final class Charts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Charts() {
    }

    static String topSites(InternetUse.Report report) {
        List<InternetUse.SiteLine> top = report.sites().stream().limit(10).toList();
        return bars(top.stream().map(InternetUse.SiteLine::site).toList(), "Minutes connected", "Site",
                top.stream().map(s -> minutes(s.seconds())).toList(), "#1565c0", true);
    }

    static String categories(InternetUse.Report report) {
        return bars(report.categories().stream().map(InternetUse.CategoryLine::category).toList(),
                "Minutes connected", "Category", report.categories().stream().map(c -> minutes(c.seconds())).toList(), "#6a1b9a",
                true);
    }

    static String hours(InternetUse.Report report) {
        return bars(IntStream.range(0, 24).mapToObj(h -> String.format("%02d", h)).toList(), "Requests",
                "Hour of the day (district time)",
                IntStream.range(0, 24).mapToObj(h -> (Object) report.hours()[h]).toList(), "#00695c", false);
    }

    private static Object minutes(long seconds) {
        return Math.round(seconds / 6.0) / 10.0;
    }

    /** Bars of one series: {@code label} names the values and titles their axis, {@code axis} the labels'. */
    private static String bars(List<String> labels, String label, String axis, List<Object> values, String color,
                               boolean horizontal) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", labels);
        data.put("axes", Map.of("value", label, "category", axis));
        data.put("series", List.of(Map.of("label", label, "data", values, "color", color)));
        data.put("horizontal", horizontal);
        return JSON.writeValueAsString(data);
    }
}
