/** Sends Steward's mail over SMTP and keeps a record of every message and whether the server took it. */
@org.springframework.modulith.ApplicationModule(displayName = "Mail",
        allowedDependencies = {})
package org.steward.mail;
