/** The pages every signed-in person starts from, and how errors are shown. */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.steward.web;
