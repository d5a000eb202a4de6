/** Keeps the tamper-evident trail of who changed or looked at what: hash-chained entries per district. */
@org.springframework.modulith.ApplicationModule(displayName = "Audit",
        allowedDependencies = {"lists"})
package org.steward.audit;
