package org.steward.publishing;

import java.io.IOException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.districts.DistrictTime;
import org.steward.staff.RosterUpload;
import org.steward.staff.StaffDirectory;

/**
 * Publishing's pages: a teacher's classes with their choices, the check, posts and their review, the register of
 * class sites; for administrators, the imports and the settings.
 */
@Controller
class PublishingController {

    private final Students students;
    private final Checks checks;
    private final Posts posts;
    private final SiteRegister sites;
    private final PublishingSetup setup;
    private final StaffDirectory staff;
    private final DistrictTime time;

    PublishingController(Students students, Checks checks, Posts posts, SiteRegister sites, PublishingSetup setup,
                         StaffDirectory staff, DistrictTime time) {
        this.students = students;
        this.checks = checks;
        this.posts = posts;
        this.sites = sites;
        this.setup = setup;
        this.staff = staff;
        this.time = time;
    }

    @GetMapping("/publishing")
    String start(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("classes", students.classesOf(me));
        model.addAttribute("mine", posts.mine(me));
        model.addAttribute("waiting", posts.waitingFor(me));
        model.addAttribute("mayImport", Students.mayImport(me));
        model.addAttribute("mayReadAll", Students.mayReadAll(me));
        model.addAttribute("reviews", !setup.schoolsReviewedBy(me.districtId(), me.staffId()).isEmpty());
        model.addAttribute("year", year(me, today(me)));
        return "publishing/start";
    }

    @GetMapping("/publishing/classes/{id}")
    String taught(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(required = false) String on, Model model) {
        Students.TaughtClass taught = students.readableClass(me, id).orElseThrow(PublishingController::notFound);
        LocalDate day = day(me, on);
        SchoolYear year = year(me, day);
        model.addAttribute("taught", taught);
        model.addAttribute("year", year);
        model.addAttribute("on", day);
        model.addAttribute("roster", students.classWithChoices(me.districtId(), id, year));
        form(me, model);
        return "publishing/class";
    }

    /** The check, for a class or for students chosen on a class page; a GET, since it changes nothing. */
    @GetMapping("/publishing/check")
    String check(@AuthenticationPrincipal StewardUser me, @RequestParam(name = "class", required = false) Long classId,
                 @RequestParam(name = "student", required = false) List<Long> studentIds,
                 @RequestParam(required = false) PostKind kind, @RequestParam(required = false) Audience audience,
                 @RequestParam(required = false) Long site, @RequestParam(required = false) String on, Model model) {
        LocalDate day = day(me, on);
        List<Long> chosen = studentIds == null ? List.of() : studentIds;
        model.addAttribute("classId", classId);
        model.addAttribute("chosen", chosen);
        model.addAttribute("kind", kind);
        model.addAttribute("audience", audience);
        model.addAttribute("site", site);
        model.addAttribute("on", day);
        form(me, model);
        if (on != null && !on.isBlank() && date(on) == null) {
            model.addAttribute("problem", "The day it goes out is a date like 2026-12-10 between 2000 and 2199, not '"
                    + (on.length() > 40 ? on.substring(0, 40) + "…" : on) + "'.");
            return "publishing/check";
        }
        try {
            CheckResult result = checks.check(me, new CheckRequest(chosen, chosen.isEmpty() ? classId : null, kind,
                    audience, site, day));
            model.addAttribute("result", result);
        } catch (PublishingRefused refused) {
            model.addAttribute("problem", refused.getMessage());
        }
        return "publishing/check";
    }

    @PostMapping("/publishing/posts")
    String submit(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String title,
                  @RequestParam(defaultValue = "") String body, @RequestParam(required = false) PostKind kind,
                  @RequestParam(required = false) Audience audience, @RequestParam(required = false) Long site,
                  @RequestParam(required = false) String on,
                  @RequestParam(name = "student", required = false) List<Long> studentIds,
                  @RequestParam(name = "image", required = false) List<MultipartFile> images,
                  @RequestParam(name = "class", required = false) Long classId, RedirectAttributes redirect) {
        try {
            Post post = posts.submit(me, new Post.Draft(title, body, kind, audience, site, date(on),
                    studentIds == null ? List.of() : studentIds), uploads(images));
            redirect.addFlashAttribute("message", "Submitted for review. Your principal or their designee is told"
                    + " by e-mail.");
            return "redirect:/publishing/posts/" + post.id();
        } catch (PublishingRefused refused) {
            redirect.addFlashAttribute("problem", "Not submitted: " + refused.getMessage());
            return classId == null ? "redirect:/publishing" : "redirect:/publishing/classes/" + classId;
        }
    }

    @GetMapping("/publishing/posts/{id}")
    String post(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Post post = readable(me, id);
        model.addAttribute("post", post);
        model.addAttribute("now", checks.checkPost(me.districtId(), post));
        model.addAttribute("history", posts.history(me.districtId(), id));
        model.addAttribute("reviewer", posts.mayReview(me, post));
        model.addAttribute("author", post.authorStaffIdIs(me.staffId()));
        model.addAttribute("siteName", post.siteId() == null ? ""
                : sites.find(me.districtId(), post.siteId()).map(PublishingSite::name).orElse(""));
        form(me, model);
        return "publishing/post";
    }

    @GetMapping("/publishing/posts/{id}/images/{n}")
    ResponseEntity<byte[]> image(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int n) {
        Post post = readable(me, id);
        if (n < 0 || n >= post.images().size()) {
            throw notFound();
        }
        Post.Image image = post.images().get(n);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.type()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .header("X-Content-Type-Options", "nosniff").body(image.bytes());
    }

    @PostMapping("/publishing/posts/{id}/return")
    String returnToAuthor(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                          @RequestParam(defaultValue = "") String reasons,
                          @RequestParam(name = "named", required = false) List<Long> named,
                          RedirectAttributes redirect) {
        return decided(id, redirect, "Returned to the author, who is told by e-mail.",
                () -> posts.returnToAuthor(me, id, reasons, named == null ? List.of() : named));
    }

    @PostMapping("/publishing/posts/{id}/approve")
    String approve(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        return decided(id, redirect, "Approved. The author is told by e-mail.", () -> posts.approve(me, id));
    }

    @PostMapping("/publishing/posts/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        return decided(id, redirect, "Withdrawn.", () -> posts.withdraw(me, id));
    }

    @PostMapping("/publishing/posts/{id}/revise")
    String revise(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String body,
                  @RequestParam(required = false) PostKind kind, @RequestParam(required = false) Audience audience,
                  @RequestParam(required = false) Long site, @RequestParam(required = false) String on,
                  @RequestParam(name = "student", required = false) List<Long> studentIds,
                  @RequestParam(name = "image", required = false) List<MultipartFile> images,
                  @RequestParam(defaultValue = "false") boolean keepImages, RedirectAttributes redirect) {
        return decided(id, redirect, "Submitted again for review.", () -> posts.revise(me, id, new Post.Draft(title,
                body, kind, audience, site, date(on), studentIds == null ? List.of() : studentIds),
                uploads(images), keepImages));
    }

    private String decided(long id, RedirectAttributes redirect, String done, Runnable change) {
        throw404UnlessReadable(id);
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        } catch (PublishingRefused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/publishing/posts/" + id;
    }

    // ---- the register of sites ----

    @GetMapping("/publishing/sites")
    String sites(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("sites", sites.register(me.districtId()));
        model.addAttribute("kinds", PublishingSite.Kind.values());
        return "publishing/sites";
    }

    @PostMapping("/publishing/sites")
    String register(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String name,
                    @RequestParam(required = false) PublishingSite.Kind kind,
                    @RequestParam(defaultValue = "") String platform, @RequestParam(defaultValue = "") String address,
                    @RequestParam(defaultValue = "") String purpose,
                    @RequestParam(defaultValue = "false") boolean underThirteen, RedirectAttributes redirect) {
        try {
            PublishingSite site = sites.register(me, new SiteRegister.Registration(name, kind, platform, address, purpose,
                    underThirteen));
            redirect.addFlashAttribute("message", site.name() + " is registered and its approval requested"
                    + " (request " + site.approvalRequestId() + ")." + (site.underThirteen()
                    ? " Record its COPPA consent here before posting students under 13." : ""));
        } catch (PublishingRefused refused) {
            redirect.addFlashAttribute("problem", "Not registered: " + refused.getMessage());
        }
        return "redirect:/publishing/sites";
    }

    @PostMapping("/publishing/sites/{id}/consent")
    String consent(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                   @RequestParam(defaultValue = "") String how, RedirectAttributes redirect) {
        sites.find(me.districtId(), id).orElseThrow(PublishingController::notFound);
        try {
            sites.recordConsent(me, id, how);
            redirect.addFlashAttribute("message", "The COPPA consent is recorded.");
        } catch (PublishingRefused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/publishing/sites";
    }

    // ---- administrators: students, imports and settings ----

    @GetMapping("/publishing/students")
    String studentList(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                       Model model) {
        var reviewed = setup.schoolsReviewedBy(me.districtId(), me.staffId());
        if (!Students.mayReadAll(me) && reviewed.isEmpty()) {
            throw notFound();
        }
        model.addAttribute("q", q);
        model.addAttribute("found", students.search(me, q, reviewed, 100));
        model.addAttribute("count", students.count(me.districtId()));
        return "publishing/students";
    }

    @GetMapping("/publishing/import")
    String imports(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("imports", students.imports(me.districtId(), 20));
        return "publishing/import";
    }

    @PostMapping("/publishing/import/students")
    String importStudents(@AuthenticationPrincipal StewardUser me,
                          @RequestParam(name = "file", required = false) List<MultipartFile> files, Model model) {
        List<RosterUpload> uploads = uploads(files).stream().map(u -> new RosterUpload(u.name(), u.bytes())).toList();
        String name = uploads.isEmpty() ? "" : uploads.get(0).name();
        model.addAttribute("report", uploads.isEmpty()
                ? StudentImport.refused("none", 0, List.of(new org.steward.staff.ImportProblem("(no file)", 0,
                "choose the OneRoster export: its .csv files, or one .zip")))
                : students.importRoster(me.districtId(), uploads, name, me.getUsername()));
        model.addAttribute("what", "students");
        return imports(me, model);
    }

    @PostMapping("/publishing/import/choices")
    String importChoices(@AuthenticationPrincipal StewardUser me,
                         @RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws IOException {
        model.addAttribute("report", file == null || file.isEmpty()
                ? StudentImport.refused("media release", 0, List.of(new org.steward.staff.ImportProblem(
                "(no file)", 0, "choose the CSV of media-release choices")))
                : students.importChoices(me.districtId(), new RosterUpload(file.getOriginalFilename(),
                file.getBytes()), me.getUsername()));
        model.addAttribute("what", "media-release choices");
        return imports(me, model);
    }

    @GetMapping("/publishing/settings")
    String settings(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("settings", setup.settings(me.districtId()));
        model.addAttribute("schools", setup.schools(me.districtId()));
        model.addAttribute("clauses", setup.clauses(me.districtId()));
        model.addAttribute("reviewers", setup.reviewers(me.districtId()));
        model.addAttribute("forms", PublishingSettings.LimitedForm.values());
        model.addAttribute("bands", GradeBand.values());
        model.addAttribute("grounds", Ground.values());
        model.addAttribute("staff", staff.active(me.districtId()));
        return "publishing/settings";
    }

    @PostMapping("/publishing/settings")
    String saveSettings(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "9") int highSchoolFrom,
                        @RequestParam(required = false) PublishingSettings.LimitedForm limitedForm,
                        @RequestParam(defaultValue = "") String yearStarts, RedirectAttributes redirect) {
        return saved(redirect, "Saved.", () -> {
            MonthDay start;
            try {
                start = MonthDay.parse("--" + yearStarts.strip());
            } catch (DateTimeParseException e) {
                throw new PublishingRefused("The school year starts on a day written mm-dd, such as 07-01, not '"
                        + yearStarts + "'.");
            }
            setup.saveSettings(me.districtId(), highSchoolFrom, limitedForm, start);
        });
    }

    @PostMapping("/publishing/settings/level")
    String saveLevel(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String school,
                     @RequestParam(required = false) GradeBand level, RedirectAttributes redirect) {
        return saved(redirect, "Saved the school's level.", () -> setup.saveSchoolLevel(me.districtId(), school,
                level));
    }

    @PostMapping("/publishing/settings/clause")
    String saveClause(@AuthenticationPrincipal StewardUser me, @RequestParam Ground ground,
                      @RequestParam(defaultValue = "") String clause, RedirectAttributes redirect) {
        return saved(redirect, "Answers resting on this rule now cite clause " + clause.strip() + ".",
                () -> setup.saveClause(me.districtId(), ground, clause));
    }

    @PostMapping("/publishing/settings/reviewer")
    String designate(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String school,
                     @RequestParam long staffId, @RequestParam(defaultValue = "true") boolean designated,
                     RedirectAttributes redirect) {
        return saved(redirect, designated ? "Designated." : "No longer designated.",
                () -> setup.designate(me.districtId(), school, staffId, designated));
    }

    private String saved(RedirectAttributes redirect, String done, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        } catch (PublishingRefused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/publishing/settings";
    }

    // ---- helpers ----

    private void form(StewardUser me, Model model) {
        model.addAttribute("kinds", PostKind.values());
        model.addAttribute("audiences", Audience.values());
        model.addAttribute("usableSites", sites.usable(me.districtId()));
    }

    /** Someone who may not read a post learns nothing of it, not even who wrote it: 404. */
    private void throw404UnlessReadable(long id) {
        org.springframework.security.core.Authentication signedIn = org.springframework.security.core.context
                .SecurityContextHolder.getContext().getAuthentication();
        readable((StewardUser) signedIn.getPrincipal(), id);
    }

    private Post readable(StewardUser me, long id) {
        try {
            return posts.readable(me, id);
        } catch (PublishingRefused refused) {
            throw notFound();
        }
    }

    private LocalDate today(StewardUser me) {
        return time.today(me.districtId());
    }

    private LocalDate day(StewardUser me, String on) {
        return Optional.ofNullable(date(on)).orElseGet(() -> today(me));
    }

    private SchoolYear year(StewardUser me, LocalDate day) {
        return SchoolYear.containing(day, setup.settings(me.districtId()).yearStarts());
    }

    /** A day as a form gives it; a day that is not one is refused by the post, not answered with an error page. */
    private static LocalDate date(String on) {
        if (on == null || on.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(on.strip());
            return day.getYear() < 2000 || day.getYear() > 2199 ? null : day;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<Posts.Upload> uploads(List<MultipartFile> files) {
        List<Posts.Upload> uploads = new ArrayList<>();
        if (files != null) {
            for (MultipartFile file : files) {
                if (file != null && !file.isEmpty()) {
                    try {
                        uploads.add(new Posts.Upload(file.getOriginalFilename(), file.getContentType(),
                                file.getBytes()));
                    } catch (IOException e) {
                        throw new PublishingRefused("The file " + file.getOriginalFilename() + " did not arrive whole:"
                                + " send it again.");
                    }
                }
            }
        }
        return uploads;
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
