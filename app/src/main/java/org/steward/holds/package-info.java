/**
 * Keeps the records an open investigation case refers to from being deleted or rewritten by any module: each
 * deletion asks {@link org.steward.holds.RecordHolds} first. Investigations places and releases the holds; the
 * retention module's legal holds are to build on it. Depends on nothing, so that every module may ask.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Holds", allowedDependencies = {})
package org.steward.holds;
