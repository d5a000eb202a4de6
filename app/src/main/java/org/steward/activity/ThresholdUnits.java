package org.steward.activity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import org.steward.engine.rules.Rule;

/**
 * A threshold in a person's units: bytes as MB (1 MB is 1,048,576 bytes, as the reports show them) and time
 * connected in minutes, where the engine counts bytes and seconds. Events and visits are counted as they are.
 */
final class ThresholdUnits {

    static final long MB = 1_048_576;
    static final long MINUTE = 60;

    private ThresholdUnits() {
    }

    /** What the form's amount is counted in. */
    static String unit(Rule.Measure measure) {
        return switch (measure) {
            case COUNT -> "events";
            case VISITS -> "visits";
            case BYTES -> "MB transferred";
            case SECONDS -> "minutes connected";
        };
    }

    /** The engine's amount in the person's unit: 209715200 bytes is "200", 90 seconds "1.5". */
    static String shown(Rule.Measure measure, long atLeast) {
        long per = per(measure);
        return per == 1 ? Long.toString(atLeast) : BigDecimal.valueOf(atLeast)
                .divide(BigDecimal.valueOf(per), 3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * The amount typed, in the person's unit, as the engine counts it; refused with the reason when it is not a
     * number the measure can have.
     */
    static long counted(Rule.Measure measure, String typed) {
        String text = typed == null ? "" : typed.strip().replace(",", "");
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new DistrictRules.Invalid("The threshold is a number of " + unit(measure).split(" ")[0]
                    + (per(measure) == 1 ? ", as 3" : ", as 50 or 0.5") + "; '" + typed + "' is not.",
                    java.util.List.of());
        }
        if (per(measure) == 1 && amount.stripTrailingZeros().scale() > 0) {
            throw new DistrictRules.Invalid("A threshold of " + unit(measure) + " is a whole number.",
                    java.util.List.of());
        }
        BigDecimal counted = amount.multiply(BigDecimal.valueOf(per(measure))).setScale(0, RoundingMode.HALF_UP);
        if (counted.signum() <= 0 || counted.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new DistrictRules.Invalid("A threshold is more than 0 " + unit(measure).split(" ")[0] + ".",
                    java.util.List.of());
        }
        return counted.longValueExact();
    }

    /** "200 MB in a day", "90 minutes in a week", "1 visit in an hour". */
    static String describe(Rule.Threshold threshold) {
        String amount = shown(threshold.measure(), threshold.atLeast());
        boolean one = amount.equals("1");
        String unit = switch (threshold.measure()) {
            case COUNT -> one ? "event" : "events";
            case VISITS -> one ? "visit" : "visits";
            case BYTES -> "MB";
            case SECONDS -> one ? "minute" : "minutes";
        };
        return amount + " " + unit + " in " + (threshold.window() == Rule.Window.HOUR ? "an hour"
                : "a " + threshold.window().name().toLowerCase(Locale.ROOT));
    }

    private static long per(Rule.Measure measure) {
        return switch (measure) {
            case BYTES -> MB;
            case SECONDS -> MINUTE;
            case COUNT, VISITS -> 1;
        };
    }
}
