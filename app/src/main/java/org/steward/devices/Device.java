package org.steward.devices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A district-owned device: what it is, where it belongs, and whether it is safe to connect. */
public record Device(long id, long districtId, String assetTag, String serialNumber, Type type, String model,
                     String fundingSource, LocalDate purchaseDate, BigDecimal purchaseCost, Long siteId,
                     Status status, List<String> macAddresses, boolean managed, LocalDate lastPatchedOn,
                     boolean encrypted) {

    private static final Pattern MAC =
            Pattern.compile("(?i)^[0-9a-f]{2}([-:]?)[0-9a-f]{2}(\\1[0-9a-f]{2}){4}$");

    /** A MAC address as Steward keeps it (aa:bb:cc:dd:ee:ff), from any of its usual spellings; empty if it is none. */
    public static Optional<String> mac(String text) {
        String mac = text == null ? "" : text.strip();
        if (!MAC.matcher(mac).matches()) {
            return Optional.empty();
        }
        String hex = mac.replaceAll("[-:]", "").toLowerCase(Locale.ROOT);
        return Optional.of(String.join(":", hex.substring(0, 2), hex.substring(2, 4), hex.substring(4, 6),
                hex.substring(6, 8), hex.substring(8, 10), hex.substring(10, 12)));
    }


    public enum Type {
        LAPTOP("Laptop"), TABLET("Tablet"), PHONE("Phone"), HOTSPOT("Hotspot"), DESKTOP("Desktop"),
        PORTABLE_STORAGE("Portable storage"), OTHER("Other");

        private final String title;

        Type(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public enum Status {
        IN_STOCK, ASSIGNED, CONFISCATED, LOST, STOLEN, DAMAGED, RETIRED
    }

    /** Stanislaus 9.g: no unencrypted portable storage. */
    public boolean isUnencryptedStorage() {
        return type == Type.PORTABLE_STORAGE && !encrypted;
    }
}
