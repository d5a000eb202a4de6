package org.steward.devices;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.steward.staff.ImportProblem;

/**
 * Reads a device inventory: Steward's own CSV columns, or a Snipe-IT asset export (its column names, categories
 * mapped to types, a "MAC Address" custom field). Every bad line is reported with its line number and reason.
 */
final class DeviceFiles {

    static final List<String> STEWARD_COLUMNS = List.of("asset_tag", "serial_number", "type", "model",
            "funding_source", "purchase_date", "purchase_cost", "site", "mac_addresses", "managed",
            "last_patched_on", "encrypted", "status");


    /** Snipe-IT categories as districts name them, to Steward's types. */
    private static final Map<String, Device.Type> SNIPE_CATEGORIES = Map.ofEntries(
            Map.entry("laptop", Device.Type.LAPTOP), Map.entry("laptops", Device.Type.LAPTOP),
            Map.entry("chromebook", Device.Type.LAPTOP), Map.entry("chromebooks", Device.Type.LAPTOP),
            Map.entry("tablet", Device.Type.TABLET), Map.entry("tablets", Device.Type.TABLET),
            Map.entry("ipad", Device.Type.TABLET), Map.entry("ipads", Device.Type.TABLET),
            Map.entry("phone", Device.Type.PHONE), Map.entry("phones", Device.Type.PHONE),
            Map.entry("mobile phones", Device.Type.PHONE), Map.entry("hotspot", Device.Type.HOTSPOT),
            Map.entry("hotspots", Device.Type.HOTSPOT), Map.entry("desktop", Device.Type.DESKTOP),
            Map.entry("desktops", Device.Type.DESKTOP), Map.entry("usb drive", Device.Type.PORTABLE_STORAGE),
            Map.entry("usb drives", Device.Type.PORTABLE_STORAGE),
            Map.entry("portable storage", Device.Type.PORTABLE_STORAGE),
            Map.entry("external drives", Device.Type.PORTABLE_STORAGE));

    /** What a file holds: every row (also those with problems, for checks across rows), and the problems. */
    record Reading(String format, List<DeviceRow> rows, List<ImportProblem> problems) {
    }

    private DeviceFiles() {
    }

    static Reading read(String fileName, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<DeviceRow> rows = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            List<String> header = csv.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            boolean snipe = header.contains("asset tag");
            if (!snipe && !header.containsAll(List.of("asset_tag", "type"))) {
                problems.add(new ImportProblem(fileName, 1, "the header names neither Steward's columns ("
                        + String.join(",", STEWARD_COLUMNS) + ") nor a Snipe-IT asset export's (Asset Tag, Serial, "
                        + "Model, Category, Status, Location, ...)"));
                return new Reading("unknown", rows, problems);
            }
            for (CSVRecord record : csv) {
                List<String> lineProblems = new ArrayList<>();
                DeviceRow row = snipe ? snipeRow(fileName, record, lineProblems) : stewardRow(fileName, record,
                        lineProblems);
                rows.add(row);
                lineProblems.forEach(p -> problems.add(new ImportProblem(fileName, record.getRecordNumber() + 1, p)));
            }
            return new Reading(snipe ? "snipe-it" : "steward", rows, problems);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new ImportProblem(fileName, 0, "not a readable CSV file: " + e.getMessage()));
            return new Reading("unknown", List.of(), problems);
        }
    }

    private static DeviceRow stewardRow(String file, CSVRecord r, List<String> problems) {
        String tag = get(r, "asset_tag");
        if (tag.isEmpty()) {
            problems.add("missing asset tag");
        }
        Device.Type type = null;
        String typeText = get(r, "type");
        try {
            type = Device.Type.valueOf(typeText.toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            problems.add("unknown type '" + typeText + "' (one of " + Arrays.stream(Device.Type.values())
                    .map(t -> t.name().toLowerCase(Locale.ROOT)).toList() + ")");
        }
        String statusText = get(r, "status");
        Device.Status status = Device.Status.IN_STOCK;
        if (!statusText.isEmpty()) {
            try {
                status = Device.Status.valueOf(statusText.toUpperCase(Locale.ROOT).replace(' ', '_'));
                if (status == Device.Status.ASSIGNED || status == Device.Status.CONFISCATED) {
                    problems.add("status '" + statusText + "' comes from a hand-over or a confiscation in Steward,"
                            + " not from a file");
                }
            } catch (IllegalArgumentException e) {
                problems.add("unknown status '" + statusText + "' (in_stock, lost, stolen, damaged or retired)");
            }
        }
        return new DeviceRow(file, r.getRecordNumber() + 1, tag, get(r, "serial_number"), type, get(r, "model"),
                get(r, "funding_source"), date(get(r, "purchase_date"), "purchase date", problems),
                money(get(r, "purchase_cost"), problems), get(r, "site"), macs(get(r, "mac_addresses"), problems),
                yes(get(r, "managed"), "managed", problems), date(get(r, "last_patched_on"), "last patch date",
                problems), yes(get(r, "encrypted"), "encrypted", problems), status);
    }

    private static DeviceRow snipeRow(String file, CSVRecord r, List<String> problems) {
        String tag = get(r, "Asset Tag");
        if (tag.isEmpty()) {
            problems.add("missing Asset Tag");
        }
        String category = get(r, "Category");
        Device.Type type = SNIPE_CATEGORIES.getOrDefault(category.toLowerCase(Locale.ROOT), Device.Type.OTHER);
        String statusText = get(r, "Status").toLowerCase(Locale.ROOT);
        Device.Status status = statusText.contains("lost") ? Device.Status.LOST
                : statusText.contains("stolen") ? Device.Status.STOLEN
                : statusText.contains("broken") || statusText.contains("damaged") ? Device.Status.DAMAGED
                : statusText.contains("archived") || statusText.contains("retired") ? Device.Status.RETIRED
                : Device.Status.IN_STOCK;
        String cost = get(r, "Purchase Cost");
        return new DeviceRow(file, r.getRecordNumber() + 1, tag, get(r, "Serial"), type, get(r, "Model"),
                get(r, "Order Number").isEmpty() ? get(r, "Supplier") : get(r, "Order Number"),
                date(get(r, "Purchase Date"), "Purchase Date", problems), money(cost, problems),
                get(r, "Location"), macs(get(r, "MAC Address"), problems), false, null,
                yes(get(r, "Encrypted"), "Encrypted", problems), status);
    }

    private static String get(CSVRecord r, String column) {
        for (String name : r.getParser().getHeaderNames()) {
            if (name.strip().equalsIgnoreCase(column)) {
                return r.isSet(name) ? r.get(name).strip() : "";
            }
        }
        return "";
    }

    private static LocalDate date(String text, String what, List<String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            problems.add(what + " '" + text + "' is not a date like 2024-08-15");
            return null;
        }
    }

    /** An amount as a spreadsheet writes it: 899, 899.00, $899.00, $1,249.00 or 1,249.00. */
    private static final Pattern AMOUNT =
            Pattern.compile("\\$?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?");

    private static BigDecimal money(String text, List<String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        Matcher amount = AMOUNT.matcher(text);
        if (amount.matches()) {
            return new BigDecimal(amount.group(1).replace(",", "") + (amount.group(2) == null ? "" : amount.group(2)));
        }
        try {
            BigDecimal cost = new BigDecimal(text);
            if (cost.signum() < 0) {
                problems.add("purchase cost " + text + " is negative");
            }
            return cost;
        } catch (NumberFormatException e) {
            problems.add("purchase cost '" + text + "' is not an amount like 349.99");
            return null;
        }
    }

    private static boolean yes(String text, String what, List<String> problems) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "", "no", "n", "false", "0" -> {
                return false;
            }
            case "yes", "y", "true", "1" -> {
                return true;
            }
            default -> {
                problems.add(what + " '" + text + "' is not yes or no");
                return false;
            }
        }
    }

    /** MAC addresses separated by spaces, commas or semicolons, as aa:bb:cc:dd:ee:ff. */
    static List<String> macs(String text, List<String> problems) {
        List<String> macs = new ArrayList<>();
        for (String mac : text.split("[\\s,;|]+")) {
            if (mac.isEmpty()) {
                continue;
            }
            Device.mac(mac).ifPresentOrElse(macs::add,
                    () -> problems.add("MAC address '" + mac + "' is not like aa:bb:cc:dd:ee:ff"));
        }
        return macs;
    }
}
