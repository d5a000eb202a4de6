package org.steward.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.Fixtures;
import org.steward.Mailboxes;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.publishing.SchoolYear;

/**
 * Issue 21's story through its pages: technology services imports the district's students and their parents'
 * media-release choices (a file with mistakes is refused whole, naming each line); a teacher checks her class for a
 * photo with names, then two of its students, one whose parents chose a limited identification and one whose parents
 * chose no photographs, and submits the post for review; her principal cannot approve it while the check refuses the
 * second, and returns it naming him; she takes him out and submits it again; the principal approves; the teacher reads
 * the four steps of its review. Every publishing page is checked with axe and saved at desktop and phone widths in
 * target/screenshots/publishing/, and none is wider than the phone.
 */
class PublishingStoryBrowserTest extends DemoDistrictBrowserTest {

    static final String PASSWORD = "correct horse battery";
    static final String STAFF = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Paula,Reyes,paula.reyes@story.example.org,LES,Principal,,2012-08-01,active
            T1,Ana,Lopez,ana.lopez@story.example.org,LES,Teacher,P1,2019-08-01,active
            """;
    static final String ORGS = """
            sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
            LES,active,2026-08-01,Lincoln Elementary,school,LES,
            RHS,active,2026-08-01,Roosevelt High,school,RHS,
            """;
    static final String USERS = """
            sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
            st-1,active,2026-08-01,TRUE,LES,student,maria,,Maria,Garcia,,st-1,,,,,03,
            st-2,active,2026-08-01,TRUE,LES,student,sam,,Sam,Lee,,st-2,,,,,03,
            st-3,active,2026-08-01,TRUE,LES,student,noor,,Noor,Haddad,,st-3,,,,,03,
            st-4,active,2026-08-01,TRUE,RHS,student,jon,,Jon,Kim,,st-4,,,,,11,
            T1,active,2026-08-01,TRUE,LES,teacher,ana,,Ana,Lopez,,T1,,,,,,
            """;
    static final String CLASSES = """
            sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods
            c-room12,active,2026-08-01,"Grade 3, Room 12",03,,,homeroom,Room 12,LES,,,,
            c-art,active,2026-08-01,Art 11,11,,,scheduled,Room 4,RHS,,,,
            """;
    static final String ENROLLMENTS = """
            sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate
            e1,active,2026-08-01,c-room12,LES,T1,teacher,true,,
            e2,active,2026-08-01,c-room12,LES,st-1,student,false,,
            e3,active,2026-08-01,c-room12,LES,st-2,student,false,,
            e4,active,2026-08-01,c-room12,LES,st-3,student,false,,
            e5,active,2026-08-01,c-art,RHS,st-4,student,false,,
            """;
    static final String TITLE = "Our garden in December";
    static final String REASON = "Sam's parents chose no photographs: take him out of the picture, or choose one"
            + " without him.";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired Fixtures fixtures;

    /** The school year of the day the test runs, in the district's time zone, the one whose choices decide. */
    private final SchoolYear year = SchoolYear.containing(LocalDate.now(ZoneId.of("America/Los_Angeles")),
            MonthDay.of(7, 1));

    @Test
    void aPostWithAStudentWithoutPhotographsIsReturnedRevisedAndApproved() throws Exception {
        Files.createDirectories(Path.of("target", "screenshots", "publishing"));
        District district = fixtures.district("Publishing Story Unified");
        fixtures.roster(district, STAFF);
        StewardUser technology = fixtures.user(district, Role.TECHNOLOGY);
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        StewardUser ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        StewardUser paula = fixtures.account(district, "P1", Role.EMPLOYEE);

        technologyImportsTheStudentsAndTheirChoices(technology);
        long post = theTeacherChecksHerClassAndSubmitsAPost(ana);
        thePrincipalCannotApproveItAndReturnsItNamingSam(paula, post);
        theTeacherTakesSamOutAndSubmitsItAgain(ana, post);
        thePrincipalApprovesIt(paula, post);
        theTeacherReadsItsReview(ana, post);
        theTeacherRegistersTheClassBlog(ana);
        theAdministratorReadsTheSettingsAndTheStudents(admin);
    }

    /** Through the import page: a choices file with mistakes changes nothing and says what to fix, line by line. */
    private void technologyImportsTheStudentsAndTheirChoices(StewardUser technology) throws Exception {
        signIn(technology);
        openPublishing();
        Browser.click(browser, By.linkText("Import students and media-release choices"));
        Browser.mainTextWith(browser, "Students, from the student information system");
        Path export = Files.createTempDirectory("oneroster");
        List<String> files = List.of(write(export, "orgs.csv", ORGS), write(export, "users.csv", USERS),
                write(export, "classes.csv", CLASSES), write(export, "enrollments.csv", ENROLLMENTS));
        browser.findElement(By.id("roster")).sendKeys(String.join("\n", files));
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Import students']")));
        assertThat(Browser.mainTextWith(browser, "Imported students"))
                .contains("Imported students (OneRoster 1.1): 4 read, 4 new");

        browser.findElement(By.id("choices")).sendKeys(write(export, "choices-draft.csv", """
                student_id,school_year,choice
                st-1,%1$s,limited
                st-9,%1$s,limited
                st-2,%1$s,maybe
                st-3,next year,limited
                """.formatted(year)));
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Import choices']")));
        String refused = Browser.mainTextWith(browser, "Nothing was imported");
        assertThat(refused).contains("Nothing was imported: 3 problems. Fix the file and import it again.")
                .contains("line 3: no student with id st-9").contains("line 4").contains("maybe")
                .contains("line 5").contains("next year").doesNotContain("Imported media-release choices");
        screenshots("01-import-refused");

        browser.findElement(By.id("choices")).sendKeys(write(export, "choices.csv", """
                student_id,school_year,choice
                st-1,%1$s,limited
                st-2,%1$s,no photographs
                st-3,%2$s,limited
                st-4,%1$s,full name
                """.formatted(year, year.previous())));
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Import choices']")));
        assertThat(Browser.mainTextWith(browser, "Imported media-release choices")).contains("4 read, 4 new")
                .doesNotContain("Nothing was imported");
    }

    /**
     * The teacher's class with each student's choice; the whole class checked for a photo with names (each student's
     * answer, name to use and clause); then Maria and Sam, submitted for review with a title, a text and a photo.
     */
    private long theTeacherChecksHerClassAndSubmitsAPost(StewardUser ana) throws Exception {
        signIn(ana);
        openPublishing();
        String start = Browser.mainTextWith(browser, "My classes");
        assertThat(start).contains("Grade 3, Room 12").contains("3 students").doesNotContain("Art 11")
                .contains("You have submitted no post.").doesNotContain("Posts to review");
        screenshots("02-start-teacher");

        Browser.click(browser, By.linkText("Grade 3, Room 12"));
        Browser.mainTextWith(browser, "Media-release choices for " + year);
        assertThat(rowOf("table", "Garcia, Maria")).contains("Limited identification");
        assertThat(rowOf("table", "Lee, Sam")).contains("No photographs");
        assertThat(rowOf("table", "Haddad, Noor")).contains("None on file yet")
                .contains("last year: limited identification");
        assertThat(Browser.mainTextWith(browser, "Students")).doesNotContain("Kim");
        screenshots("03-class");

        // the whole class, for a photo with names on the school's page
        choose("check-kind", "PHOTO_WITH_NAMES");
        choose("check-audience", "DISTRICT_PAGE");
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Check']")));
        assertThat(Browser.mainTextWith(browser, "may not appear as the post stands"))
                .contains("A photo with students' names, a district or school page")
                .contains("(school year " + year + ")")
                .contains("2 of 3 students may not appear as the post stands");
        assertThat(rowOf("table.answers", "Maria Garcia")).contains("Allowed").contains("Maria G.")
                .contains("the parents allowed a limited identification").contains("Limited identification")
                .contains("Clause I.2").contains("Clovis F.2");
        assertThat(rowOf("table.answers", "Sam Lee")).contains("Not allowed")
                .contains("the parents chose no photographs: leave the student out of every picture")
                .contains("(no name)").contains("No photographs").contains("Education Code 49073");
        assertThat(rowOf("table.answers", "Noor Haddad")).contains("Not allowed")
                .contains("no media release on file for this school year")
                .contains("None on file for " + year + " (limited identification last year)");
        screenshots("04-check-class");

        // Maria and Sam only
        Browser.click(browser, By.linkText("The class"));
        Browser.mainTextWith(browser, "Media-release choices for " + year);
        browser.findElement(By.xpath("//label[text()='Garcia, Maria']")).click();
        browser.findElement(By.xpath("//label[text()='Lee, Sam']")).click();
        choose("check-kind", "PHOTO_WITH_NAMES");
        choose("check-audience", "DISTRICT_PAGE");
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Check']")));
        String two = Browser.mainTextWith(browser, "may not appear as the post stands");
        assertThat(two).contains("1 of 2 students may not appear as the post stands").doesNotContain("Noor");
        assertThat(rowOf("table.answers", "Maria Garcia")).contains("Allowed").contains("Maria G.");
        assertThat(rowOf("table.answers", "Sam Lee")).contains("Not allowed");
        assertThat(browser.findElement(By.xpath("//legend[text()='Students in the post']/..")).getText())
                .contains("Maria Garcia (as Maria G.)").contains("Sam Lee (not allowed)");

        browser.findElement(By.id("title")).sendKeys(TITLE);
        browser.findElement(By.id("body")).sendKeys("Room 12 planted winter vegetables. Maria G. and Sam L. dug the"
                + " first bed.");
        browser.findElement(By.id("image")).sendKeys(photo().toString());
        screenshots("05-check-two-students");
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Submit for review']")));
        String submitted = Browser.mainTextWith(browser, "Submitted for review.");
        assertThat(submitted).contains("1 of 2 students may not appear as the post stands");
        assertThat(fact("Where it stands")).isEqualTo("Waiting for review");
        assertThat(fact("By")).isEqualTo("Ana Lopez");
        imageShows();
        // the author does not review her own post
        assertThat(browser.getPageSource()).doesNotContain("Return it to the author").doesNotContain(">Approve<");

        mailArrives("paula.reyes@story.example.org", "For review: " + TITLE);
        return Long.parseLong(browser.getCurrentUrl().replaceAll(".*/posts/(\\d+).*", "$1"));
    }

    /** Her supervisor sees the post waiting, reads Sam refused, finds Approve disabled, and returns it naming him. */
    private void thePrincipalCannotApproveItAndReturnsItNamingSam(StewardUser paula, long post) {
        signIn(paula);
        openPublishing();
        String start = Browser.mainTextWith(browser, "Posts to review");
        assertThat(start).contains(TITLE).contains("Ana Lopez").contains("A photo with students' names");
        screenshots("06-start-reviewer");

        openThePost(post);
        String page = Browser.mainTextWith(browser, "Return it to the author");
        assertThat(fact("Where it stands")).isEqualTo("Waiting for review");
        assertThat(page).contains("1 of 2 students may not appear as the post stands")
                .contains("The check refuses the post as it stands: return it naming what to change.");
        assertThat(rowOf("table.answers", "Sam Lee")).contains("Not allowed")
                .contains("the parents chose no photographs");
        assertThat(rowOf("table.answers", "Maria Garcia")).contains("Allowed").contains("Maria G.");
        WebElement approve = browser.findElement(By.xpath("//button[text()='Approve']"));
        assertThat(approve.isEnabled()).as("Approve, while the check refuses Sam").isFalse();
        assertThat(browser.findElement(By.id(approve.getDomAttribute("aria-describedby"))).getText())
                .isEqualTo("The check refuses the post as it stands: return it naming what to change.");
        WebElement samNamed = checkboxLabelled("Sam Lee", "named-");
        WebElement mariaNamed = checkboxLabelled("Maria Garcia", "named-");
        assertThat(samNamed.isSelected()).as("Sam named as a student it may not show").isTrue();
        assertThat(mariaNamed.isSelected()).isFalse();
        assertThat(browser.findElement(By.id("reasons")).getDomProperty("value")).contains("Sam Lee: the parents chose"
                + " no photographs");
        screenshots("07-post-reviewer");

        browser.findElement(By.id("reasons")).clear();
        browser.findElement(By.id("reasons")).sendKeys(REASON);
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Return it']")));
        assertThat(Browser.mainTextWith(browser, "Returned to the author, who is told by e-mail."))
                .doesNotContain("Return it to the author").doesNotContain("Approve it");
        assertThat(fact("Where it stands")).isEqualTo("Returned to the author");
        mailArrives("ana.lopez@story.example.org", "Returned: " + TITLE);
    }

    /** The teacher sees it returned and why, and sends it again without Sam, keeping the photo. */
    private void theTeacherTakesSamOutAndSubmitsItAgain(StewardUser ana, long post) throws Exception {
        String returned = GreenMailUtil.getBody(mailTo("ana.lopez@story.example.org", "Returned: " + TITLE))
                .replaceAll("=\\r?\\n", "").replaceAll("\\s+", " ");
        assertThat(returned).contains("Paula Reyes returned");

        signIn(ana);
        openPublishing();
        Browser.mainTextWith(browser, "My posts");
        assertThat(rowOf("table", TITLE)).contains("Returned to the author");
        openThePost(post);
        String page = Browser.mainTextWith(browser, "Revise and submit again");
        assertThat(fact("Where it stands")).isEqualTo("Returned to the author");
        assertThat(browser.findElement(By.cssSelector("main .notice.info")).getText())
                .as("why it came back, above the post").contains("Returned by Paula Reyes: " + REASON)
                .contains("Students it may not show: Sam Lee");
        WebElement keepSam = checkboxLabelled("Sam Lee", "keep-");
        WebElement keepMaria = checkboxLabelled("Maria Garcia", "keep-");
        assertThat(keepSam.isSelected()).as("Sam, refused, left out of the revision").isFalse();
        assertThat(keepMaria.isSelected()).isTrue();
        assertThat(browser.findElement(By.id("keepImages")).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("label[for=keepImages]")).getText()).isEqualTo("Keep its image");
        assertThat(browser.findElement(By.id("title")).getDomProperty("value")).isEqualTo(TITLE);
        browser.findElement(By.id("body")).clear();
        browser.findElement(By.id("body")).sendKeys("Room 12 planted winter vegetables. Maria G. dug the first bed.");
        screenshots("08-post-author-returned");

        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Submit again']")));
        String again = Browser.mainTextWith(browser, "Submitted again for review.");
        assertThat(again).contains("Allowed as it stands: use the names and notices below.");
        assertThat(fact("Where it stands")).isEqualTo("Waiting for review");
        assertThat(answered()).as("Sam left out").containsExactly("Maria Garcia");
        assertThat(rowOf("table.answers", "Maria Garcia")).contains("Allowed").contains("Maria G.");
        imageShows();
    }

    private void thePrincipalApprovesIt(StewardUser paula, long post) {
        signIn(paula);
        openPublishing();
        Browser.mainTextWith(browser, "Posts to review");
        openThePost(post);
        String page = Browser.mainTextWith(browser, "Approve it");
        assertThat(page).contains("Allowed as it stands").doesNotContain("The check refuses the post as it stands");
        assertThat(answered()).containsExactly("Maria Garcia");
        WebElement approve = browser.findElement(By.xpath("//button[text()='Approve']"));
        assertThat(approve.isEnabled()).isTrue();
        Browser.submit(browser, approve);
        assertThat(Browser.mainTextWith(browser, "Approved. The author is told by e-mail."))
                .doesNotContain("Approve it").doesNotContain("Return it to the author");
        assertThat(fact("Where it stands")).isEqualTo("Approved");
    }

    /** The post approved, with its four steps: each who, and the check's answer then. */
    private void theTeacherReadsItsReview(StewardUser ana, long post) throws Exception {
        mailArrives("ana.lopez@story.example.org", "Approved: " + TITLE);
        signIn(ana);
        openPublishing();
        Browser.mainTextWith(browser, "My posts");
        assertThat(rowOf("table", TITLE)).contains("Approved");
        openThePost(post);
        assertThat(Browser.mainTextWith(browser, "Its review")).doesNotContain("Revise and submit again")
                .doesNotContain("Withdraw the post");
        assertThat(fact("Where it stands")).isEqualTo("Approved");
        List<String> steps = browser.findElements(By.cssSelector("ol.timeline > li")).stream()
                .map(WebElement::getText).toList();
        assertThat(steps).hasSize(4);
        assertThat(steps.get(0)).startsWith("Submitted by Ana Lopez").contains("The check refused: Sam Lee: the"
                + " parents chose no photographs");
        assertThat(steps.get(1)).startsWith("Returned by Paula Reyes").contains(REASON)
                .contains("Students it may not show: Sam Lee");
        assertThat(steps.get(2)).startsWith("Submitted by Ana Lopez").contains("The check allowed it.");
        assertThat(steps.get(3)).startsWith("Approved by Paula Reyes").contains("The check allowed it.");
        screenshots("09-post-approved");
    }

    /** The register of class sites, with one waiting for approval and its COPPA consent to record. */
    private void theTeacherRegistersTheClassBlog(StewardUser ana) {
        openPublishing();
        Browser.click(browser, By.linkText("Class and club sites and accounts"));
        Browser.mainTextWith(browser, "Register a site or account");
        browser.findElement(By.id("name")).sendKeys("Room 12 family blog");
        browser.findElement(By.id("kind-WEB_SITE")).click();
        browser.findElement(By.id("platform")).sendKeys("Google Sites");
        browser.findElement(By.id("purpose")).sendKeys("News of the class for families, with students' work.");
        browser.findElement(By.id("underThirteen")).click();
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Register and ask for approval']")));
        assertThat(Browser.mainTextWith(browser, "is registered and its approval requested"))
                .contains("Record its COPPA consent here before posting students under 13.");
        assertThat(rowOf("table", "Room 12 family blog")).contains("Ana Lopez").contains("Pending")
                .contains("Yes, and no COPPA consent is recorded yet.").contains("How consent was obtained")
                .contains("Not yet");
        screenshots("10-sites");

        browser.findElement(By.cssSelector("input[id^='how-']")).sendKeys("Parents signed the class blog form");
        Browser.submit(browser, browser.findElement(By.xpath("//button[text()='Record']")));
        Browser.mainTextWith(browser, "The COPPA consent is recorded.");
        assertThat(rowOf("table", "Room 12 family blog"))
                .contains("Yes. Consent recorded by Ana Lopez: Parents signed the class blog form")
                .as("still waiting for its approval").contains("Not yet");
    }

    private void theAdministratorReadsTheSettingsAndTheStudents(StewardUser admin) {
        signIn(admin);
        openPublishing();
        Browser.click(browser, By.linkText("Grade bands, names, clauses and reviewers"));
        assertThat(Browser.mainTextWith(browser, "Publishing settings")).contains("Lincoln Elementary")
                .contains("Roosevelt High").contains("Education Code 49073");
        assertThat(browser.findElement(By.id("highSchoolFrom")).getDomProperty("value")).isEqualTo("9");
        screenshots("11-settings");

        openPublishing();
        Browser.click(browser, By.linkText("Students"));
        Browser.mainTextWith(browser, "students attend");
        assertThat(rowOf("table", "Garcia, Maria")).contains("st-1").contains("Lincoln Elementary");
        assertThat(rowOf("table", "Kim, Jon")).contains("Roosevelt High");
        screenshots("12-students");
    }

    // ---- helpers ----

    private void signIn(StewardUser user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user.getUsername());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.submit(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
        Browser.waitUntil(() -> browser.findElement(By.cssSelector("header .who")).getText()
                .contains(user.displayName()), user.displayName() + " signed in");
    }

    /** Publishing, from the main navigation, as a person opens it. */
    private void openPublishing() {
        Browser.click(browser, By.cssSelector("#main-nav a[href$='/publishing']"));
        Browser.mainTextWith(browser, "Publishing students' work");
    }

    /** The post from its list on the start page: the same post each time, whoever opens it. */
    private void openThePost(long post) {
        Browser.click(browser, By.linkText(TITLE));
        Browser.waitUntil(() -> browser.getCurrentUrl().endsWith("/publishing/posts/" + post), "post " + post);
    }

    /** Chooses an option of a select by its value, as a person picks it. */
    private void choose(String select, String value) {
        browser.findElement(By.cssSelector("#" + select + " option[value='" + value + "']")).click();
    }

    /** What the post's facts say under this heading ("Where it stands"). */
    private String fact(String heading) {
        return browser.findElement(By.xpath("//dl[@class='facts']/dt[text()='" + heading + "']"
                + "/following-sibling::dd[1]")).getText();
    }

    /** The students the check's answer names, in its order. */
    private List<String> answered() {
        return browser.findElements(By.cssSelector("table.answers tbody th > span:first-child")).stream()
                .map(WebElement::getText).toList();
    }

    /** The text of the row of the table that starts with {@code first}. */
    private String rowOf(String table, String first) {
        return browser.findElements(By.cssSelector("main " + table + " tbody tr")).stream()
                .map(r -> r.getText().strip()).filter(t -> t.startsWith(first)).findFirst()
                .orElseThrow(() -> new AssertionError("No row for " + first + " at " + browser.getCurrentUrl()));
    }

    /** The checkbox of a form's list of students whose label begins with the student's name. */
    private WebElement checkboxLabelled(String student, String idPrefix) {
        for (WebElement label : browser.findElements(By.cssSelector("label[for^='" + idPrefix + "']"))) {
            if (label.getText().startsWith(student)) {
                return browser.findElement(By.id(label.getAttribute("for")));
            }
        }
        throw new AssertionError("No checkbox for " + student + " at " + browser.getCurrentUrl());
    }

    /** The post's photo is shown, as the reviewer will see it: loaded, not a broken image. */
    private void imageShows() {
        WebElement image = browser.findElement(By.cssSelector("ul.images img"));
        assertThat(image.getAttribute("alt")).contains("garden");
        Browser.waitUntil(() -> ((Number) browser.executeScript("return arguments[0].complete ? arguments[0]"
                + ".naturalWidth : 0", image)).intValue() == 480, "the post's photo to load");
    }

    /**
     * The page at desktop width and at a phone's, whole, after axe finds nothing wrong; on the phone nothing makes
     * the page wider than the screen (a wide table scrolls inside its frame).
     */
    private void screenshots(String name) {
        Browser.screenshotWhole(browser, "publishing/" + name);
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            Browser.waitUntil(() -> ((Number) browser.executeScript("return window.innerWidth")).intValue() <= 390,
                    "the phone's width");
            @SuppressWarnings("unchecked")
            List<String> wider = (List<String>) browser.executeScript(WIDER_THAN_THE_SCREEN);
            assertThat(wider).as("what is wider than a phone's screen on " + name).isEmpty();
            Browser.screenshotWhole(browser, "publishing/" + name + "-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    /** The elements that stick out to the right of the screen, outside a frame that scrolls them. */
    private static final String WIDER_THAN_THE_SCREEN = """
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            return [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > width + 1)
              .filter(e => { const frame = e.parentElement && e.parentElement.closest('.table-wrap');
                             return !frame; })
              .slice(0, 8)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                        + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
            """;

    /** A photo of the garden: sky, beds and the sun, 480 by 320. */
    private static Path photo() throws Exception {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x9fd3f0));
        g.fillRect(0, 0, 480, 200);
        g.setColor(new Color(0xf2b705));
        g.fillOval(370, 30, 70, 70);
        g.setColor(new Color(0x6b4a2b));
        g.fillRect(0, 200, 480, 120);
        g.setColor(new Color(0x3f8f3a));
        for (int x = 20; x < 480; x += 60) {
            g.fillOval(x, 215, 40, 30);
            g.fillOval(x + 20, 265, 40, 30);
        }
        g.dispose();
        Path file = Files.createTempDirectory("post").resolve("garden.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static String write(Path folder, String name, String content) throws Exception {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8).toAbsolutePath().toString();
    }

    /** Waits for the e-mail, sent once the change is saved, as long as a busy machine may take to send it. */
    private static void mailArrives(String address, String subject) {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> subjects(address).contains(subject));
    }

    private static List<String> subjects(String address) throws Exception {
        return Mailboxes.to(mail, address).stream().map(Mailboxes::subject).collect(Collectors.toList());
    }

    private static MimeMessage mailTo(String address, String subject) throws Exception {
        return Mailboxes.to(mail, address).stream().filter(m -> Mailboxes.subject(m).equals(subject)).findFirst()
                .orElseThrow();
    }
}
