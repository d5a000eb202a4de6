/** Writes the CSV files Steward hands out, safe to open in a spreadsheet. */
@org.springframework.modulith.ApplicationModule(displayName = "Exports")
package org.steward.exports;
