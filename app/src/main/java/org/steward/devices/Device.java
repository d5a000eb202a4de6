package org.steward.devices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A district-owned device: what it is, where it belongs, and whether it is safe to connect. */
public record Device(long id, long districtId, String assetTag, String serialNumber, Type type, String model,
                     String fundingSource, LocalDate purchaseDate, BigDecimal purchaseCost, Long siteId,
                     Status status, List<String> macAddresses, boolean managed, LocalDate lastPatchedOn,
                     boolean encrypted) {

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
