/** Loads "Sample Unified School District", a made-up district to try Steward with, into an empty database. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo",
        allowedDependencies = {"accounts", "acknowledgments", "activity", "apps", "devices", "districts", "policies",
                "publishing", "staff"})
package org.steward.demo;
