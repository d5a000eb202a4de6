/**
 * Publishing students' work and images (Clovis F and H.4, Oak Park's media release and COPPA, Stanislaus 12, 21
 * and 22, Education Code 49073): the students and their parents' media-release choice per school year from the
 * district's SIS, the check that answers whether a student may appear in a post and under which name, the review of
 * a post before it goes out, and the register of class and club sites and accounts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Publishing",
        allowedDependencies = {"accounts", "approvals", "audit", "districts", "lists", "mail", "policies", "staff"})
package org.steward.publishing;
