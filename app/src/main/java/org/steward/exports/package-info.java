/** Writes the CSV files Steward hands out, safe to open in a spreadsheet. */
@org.springframework.modulith.ApplicationModule(displayName = "Exports",
        allowedDependencies = {})
package org.steward.exports;
