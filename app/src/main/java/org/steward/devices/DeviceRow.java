package org.steward.devices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A device as an import file gives it, with the line it came from. */
record DeviceRow(String file, long line, String assetTag, String serialNumber, Device.Type type, String model,
                 String fundingSource, LocalDate purchaseDate, BigDecimal purchaseCost, String site,
                 List<String> macAddresses, boolean managed, LocalDate lastPatchedOn, boolean encrypted,
                 Device.Status status) {
}
