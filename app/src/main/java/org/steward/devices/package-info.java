/**
 * District devices and their custody: the inventory, one authorized possessor per device at any time (Oak Park
 * statements 4 to 6, CalECPA), hand-over signed once for several devices, returns with their condition, and
 * confiscation.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Devices",
        allowedDependencies = {"accounts", "acknowledgments", "approvals", "audit", "database", "districts", "holds", "lists", "mail",
                "policies", "staff"})
package org.steward.devices;
