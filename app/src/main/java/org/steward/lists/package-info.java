/** Pages and sorts long lists: the page asked for, checked against the columns each list may be sorted by. */
@org.springframework.modulith.ApplicationModule(displayName = "Lists",
        allowedDependencies = {})
package org.steward.lists;
