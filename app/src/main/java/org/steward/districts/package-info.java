/** The districts of an installation (one, or several under a county office) and their school sites. */
@org.springframework.modulith.ApplicationModule(displayName = "Districts",
        allowedDependencies = {})
package org.steward.districts;
