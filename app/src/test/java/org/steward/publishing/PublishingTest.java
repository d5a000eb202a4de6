package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.Fixtures;
import org.steward.Mailboxes;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.approvals.Approvals;
import org.steward.districts.District;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing through its pages and API, in two districts: students and choices imported all or nothing, a teacher's
 * class and its check, the API answering as the page does, renewal per school year, review before posting, the
 * register's sites with approval and COPPA consent, and every refusal an attacker would try.
 */
@StewardTest
class PublishingTest {

    static final String STAFF = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Pat,Principal,pat@pub.example.org,LES,Principal,,2012-08-01,active
            T1,Ana,Lopez,ana@pub.example.org,LES,Teacher,P1,2019-08-01,active
            T2,Bea,Bravo,bea@pub.example.org,LES,Teacher,P1,2019-08-01,active
            D1,Dee,Designee,dee@pub.example.org,LES,Assistant principal,,2019-08-01,active
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
            c-room12,active,2026-08-01,Grade 3 Room 12,03,,,homeroom,Room 12,LES,,,,
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
    static final String CHOICES = """
            student_id,school_year,choice
            st-1,2026-27,limited
            st-2,2026-27,no photographs
            st-3,2025-26,limited
            st-4,2026-27,full name
            """;
    static final String ON = "2026-12-10";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired Fixtures fixtures;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Approvals approvals;
    @Autowired Posts posts;
    @Autowired javax.sql.DataSource data;

    District district;
    StewardUser tech;
    StewardUser admin;
    StewardUser ana;
    StewardUser bea;
    StewardUser pat;
    StewardUser dee;
    long roomTwelve;

    @BeforeEach
    void aDistrictWithAClass() throws Exception {
        district = fixtures.district("Publishing");
        fixtures.roster(district, STAFF);
        tech = fixtures.user(district, Role.TECHNOLOGY);
        admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        bea = fixtures.account(district, "T2", Role.EMPLOYEE);
        pat = fixtures.account(district, "P1", Role.EMPLOYEE);
        dee = fixtures.account(district, "D1", Role.EMPLOYEE);
        importStudents(tech, ORGS, USERS, CLASSES, ENROLLMENTS)
                .andExpect(content().string(containsString("Imported students (OneRoster 1.1): 4 read, 4 new")));
        importChoices(tech, CHOICES).andExpect(content().string(containsString("4 read, 4 new")));
        roomTwelve = jdbc.sql("select id from student_class where district_id = ? and source_id = 'c-room12'")
                .param(district.id()).query(Long.class).single();
    }

    @Test
    void aTeacherChecksHerClassAndTheApiAnswersAsThePageDoes() throws Exception {
        mvc.perform(get("/publishing").with(user(ana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Grade 3 Room 12")))
                .andExpect(content().string(not(containsString("Art 11"))));
        mvc.perform(get("/publishing/classes/{id}", roomTwelve).with(user(ana))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Garcia, Maria")))
                .andExpect(content().string(containsString("No photographs")))
                .andExpect(content().string(containsString("None on file yet")))
                .andExpect(content().string(containsString("last year: limited identification")));

        String page = mvc.perform(get("/publishing/check").with(user(ana)).param("class", "" + roomTwelve)
                        .param("kind", "WORK_WITH_NAME").param("audience", "DISTRICT_PAGE").param("on", ON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Maria G.", "© 2026 Maria G. All rights reserved.", "Sam L.",
                "no media release on file for this school year", "None on file for 2026-27");

        JsonNode api = json(mvc.perform(get("/api/publishing/check").with(user(ana))
                        .param("class", "" + roomTwelve).param("kind", "work_with_name")
                        .param("audience", "DISTRICT_PAGE").param("on", ON))
                .andExpect(status().isOk()).andReturn());
        assertThat(api.get("schoolYear").asString()).isEqualTo("2026-27");
        assertThat(api.get("students")).hasSize(3);
        for (JsonNode student : api.get("students")) {
            String name = student.get("name").asString();
            if (!name.isEmpty()) {
                assertThat(page).contains(name, student.get("copyrightNotice").asString());
            }
            assertThat(page).contains(student.get("reason").asString());
        }
        List<String> names = new java.util.ArrayList<>();
        api.get("students").forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).as("by family name: Garcia, Haddad, Lee").containsExactly("Maria G.", "", "Sam L.");
        JsonNode noor = api.get("students").get(1);
        assertThat(noor.get("allowed").asBoolean()).isFalse();
        assertThat(noor.get("cited").get("ground").asString()).isEqualTo("NO_PERMISSION");
        assertThat(noor.get("cited").get("clause").asString()).isEqualTo("I.2");
    }

    @Test
    void aTeacherChecksOnlyHerOwnStudentsAndAnotherDistrictSeesNone() throws Exception {
        long jon = studentId("st-4");
        mvc.perform(get("/api/publishing/check").with(user(ana)).param("student", "" + jon)
                        .param("kind", "PHOTO_WITH_NAMES").param("audience", "DISTRICT_PAGE").param("on", ON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0]").value(containsString("You check only students you teach")));
        mvc.perform(get("/publishing/check").with(user(bea)).param("class", "" + roomTwelve)
                        .param("kind", "PHOTO_WITH_NAMES").param("audience", "DISTRICT_PAGE").param("on", ON))
                .andExpect(content().string(containsString("No class " + roomTwelve + " that you teach")))
                .andExpect(content().string(not(containsString("Garcia"))));
        mvc.perform(get("/publishing/classes/{id}", roomTwelve).with(user(bea))).andExpect(status().isNotFound());
        mvc.perform(get("/publishing/check").with(user(ana)).param("class", "" + roomTwelve)
                        .param("kind", "PHOTO_WITH_NAMES").param("audience", "DISTRICT_PAGE").param("on", "2031-13-45"))
                .andExpect(content().string(containsString("not &#39;2031-13-45&#39;")))
                .andExpect(content().string(not(containsString("Garcia"))));

        District other = fixtures.district("Elsewhere");
        StewardUser otherAdmin = fixtures.user(other, Role.DISTRICT_ADMIN);
        mvc.perform(get("/publishing/classes/{id}", roomTwelve).with(user(otherAdmin)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/publishing/check").with(user(otherAdmin)).param("student", "" + jon)
                        .param("kind", "PHOTO_WITH_NAMES").param("audience", "DISTRICT_PAGE").param("on", ON))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(not(containsString("Kim"))));
        mvc.perform(get("/publishing/students").with(user(otherAdmin)).param("q", "Garcia"))
                .andExpect(content().string(containsString("No student matches")));
        mvc.perform(get("/publishing/students").with(user(ana))).andExpect(status().isNotFound());
        mvc.perform(get("/publishing/import").with(user(ana))).andExpect(status().isForbidden());
        mvc.perform(get("/publishing/settings").with(user(tech))).andExpect(status().isForbidden());
    }

    @Test
    void theApiNamesEveryProblemOfABadQuestion() throws Exception {
        mvc.perform(get("/api/publishing/check").with(user(ana)).param("student", "x1")
                        .param("kind", "SELFIE").param("on", "tomorrow"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0]").value(containsString("student: 'x1'")))
                .andExpect(jsonPath("$.problems[1]").value(containsString("kind: 'SELFIE' is not one of")))
                .andExpect(jsonPath("$.problems[2]").value(containsString("audience: needed")))
                .andExpect(jsonPath("$.problems[3]").value(containsString("on: 'tomorrow' is not a date")));
        // as every session API: no one signed in is sent to sign in, and told nothing
        mvc.perform(get("/api/publishing/check").param("kind", "GROUP_PHOTO")).andExpect(status().is3xxRedirection());
    }

    @Test
    void anImportWithAnyProblemChangesNothingAndNamesEachLine() throws Exception {
        importChoices(tech, """
                student_id,school_year,choice
                st-1,2026-27,none
                st-9,2026-27,limited
                st-2,2026,maybe
                """).andExpect(content().string(containsString("Nothing was imported")))
                .andExpect(content().string(containsString("line 3: no student with id st-9")))
                .andExpect(content().string(containsString("line 4")));
        assertThat(jdbc.sql("select choice from student_media_choice where student_id = ? and school_year = 2026")
                .param(studentId("st-1")).query(String.class).single()).isEqualTo("LIMITED");
        importStudents(tech, ORGS, USERS.replace("st-2,active,2026-08-01,TRUE,LES", "st-2,active,2026-08-01,TRUE,NOPE"),
                CLASSES, ENROLLMENTS).andExpect(content().string(containsString("Nothing was imported")))
                .andExpect(content().string(containsString("NOPE")));
        importChoices(ana, CHOICES).andExpect(status().isForbidden());
    }

    @Test
    void atTheYearsStartTeachersSeeWhoseChoiceChanged() throws Exception {
        importChoices(tech, """
                student_id,school_year,choice
                st-3,2026-27,full name
                st-1,2026-27,none
                """).andExpect(content().string(containsString("1 new, 1 changed")));
        mvc.perform(get("/publishing/classes/{id}", roomTwelve).with(user(ana)))
                .andExpect(content().string(containsString("from limited identification")));
        String page = mvc.perform(get("/publishing/check").with(user(ana)).param("class", "" + roomTwelve)
                        .param("kind", "PHOTO_WITH_NAMES").param("audience", "DISTRICT_PAGE").param("on", ON))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Noor H.", "the parents gave no permission to identify the student");
    }

    @Test
    void aPostIsReturnedNamingTheStudentRevisedAndApproved() throws Exception {
        long maria = studentId("st-1"), sam = studentId("st-2");
        long post = submit(ana, "Our garden", maria, sam);
        Awaitility.await().until(() -> subjects("pat@pub.example.org").contains("For review: Our garden"));

        // the principal sees it; another teacher, the author and another district do not review it
        mvc.perform(get("/publishing").with(user(pat))).andExpect(content().string(containsString("Posts to review")))
                .andExpect(content().string(containsString("Our garden")));
        mvc.perform(get("/publishing/posts/{id}", post).with(user(bea))).andExpect(status().isNotFound());
        mvc.perform(post("/publishing/posts/{id}/approve", post).with(user(ana)).with(csrf()))
                .andExpect(flash("No one reviews their own post"));
        // another teacher learns nothing of it, not even who wrote it
        for (String action : List.of("approve", "withdraw", "return")) {
            mvc.perform(post("/publishing/posts/{id}/" + action, post).with(user(bea)).with(csrf())
                    .param("reasons", "I would like to change it.")).andExpect(status().isNotFound());
        }
        StewardUser elsewhere = fixtures.user(fixtures.district("Other"), Role.DISTRICT_ADMIN);
        mvc.perform(get("/publishing/posts/{id}", post).with(user(elsewhere))).andExpect(status().isNotFound());

        // the check refuses Sam in a photo: the principal cannot approve, and returns it naming him
        mvc.perform(get("/publishing/posts/{id}", post).with(user(pat)))
                .andExpect(content().string(containsString("the parents chose no photographs")));
        mvc.perform(post("/publishing/posts/{id}/approve", post).with(user(pat)).with(csrf()))
                .andExpect(flash("The check refuses this post"));
        mvc.perform(post("/publishing/posts/{id}/return", post).with(user(pat)).with(csrf())
                        .param("reasons", "Sam's parents chose no photographs: take him out of the picture.")
                        .param("named", "" + sam))
                .andExpect(flash("Returned to the author"));
        Awaitility.await().until(() -> subjects("ana@pub.example.org").contains("Returned: Our garden"));

        // the teacher takes Sam out and submits again; the principal approves
        mvc.perform(multipart("/publishing/posts/{id}/revise", post).with(user(ana)).with(csrf())
                        .param("title", "Our garden").param("kind", "PHOTO_WITH_NAMES")
                        .param("audience", "DISTRICT_PAGE").param("on", ON).param("student", "" + maria)
                        .param("keepImages", "true"))
                .andExpect(flash("Submitted again"));
        mvc.perform(post("/publishing/posts/{id}/approve", post).with(user(pat)).with(csrf()))
                .andExpect(flash("Approved"));
        assertThat(jdbc.sql("select status from publishing_post where id = ?").param(post).query(String.class)
                .single()).isEqualTo("APPROVED");

        // each step kept with the check's answer then, as it was
        List<String> steps = jdbc.sql("select what || ':' || (answer->'students'->0->>'name') || ':'"
                        + " || jsonb_array_length(answer->'students') from publishing_post_event where post_id = ?"
                        + " order by position").param(post).query(String.class).list();
        assertThat(steps).containsExactly("SUBMITTED:Maria G.:2", "RETURNED:Maria G.:2", "SUBMITTED:Maria G.:1",
                "APPROVED:Maria G.:1");
        assertThat(jdbc.sql("select named_students from publishing_post_event where post_id = ? and what = 'RETURNED'")
                .param(post).query(String.class).single()).isEqualTo("" + sam);
        assertThatThrownBy(() -> jdbc.sql("update publishing_post_event set reasons = 'nothing' where post_id = ?")
                .param(post).update()).hasMessageContaining("kept as they were made");
        mvc.perform(get("/publishing/posts/{id}", post).with(user(ana)))
                .andExpect(content().string(containsString("Sam&#39;s parents chose no photographs")));
    }

    @Test
    void aDesigneeReviewsTheSchoolsPostsOnceTheAdministratorDesignatesThem() throws Exception {
        long post = submit(ana, "Reading week", studentId("st-1"));
        mvc.perform(get("/publishing/posts/{id}", post).with(user(dee))).andExpect(status().isNotFound());
        long deeStaff = dee.staffId();
        mvc.perform(post("/publishing/settings/reviewer").with(user(ana)).with(csrf()).param("school", "LES")
                .param("staffId", "" + deeStaff)).andExpect(status().isForbidden());
        mvc.perform(post("/publishing/settings/reviewer").with(user(admin)).with(csrf()).param("school", "LES")
                .param("staffId", "" + deeStaff)).andExpect(flash("Designated"));
        mvc.perform(get("/publishing").with(user(dee))).andExpect(content().string(containsString("Reading week")));
        mvc.perform(post("/publishing/posts/{id}/approve", post).with(user(dee)).with(csrf()))
                .andExpect(flash("Approved"));
    }

    @Test
    void aClassAccountIsApprovedAndNeedsCoppaConsentForItsThirdGraders() throws Exception {
        mvc.perform(post("/publishing/sites").with(user(ana)).with(csrf()).param("name", "Room 12 Instagram")
                        .param("kind", "SOCIAL_ACCOUNT").param("platform", "Instagram")
                        .param("purpose", "Class news for families").param("underThirteen", "true"))
                .andExpect(flash("is registered and its approval requested"));
        long site = jdbc.sql("select id from publishing_site where district_id = ?").param(district.id())
                .query(Long.class).single();
        long request = jdbc.sql("select approval_request_id from publishing_site where id = ?").param(site)
                .query(Long.class).single();
        assertThat(approvals.find(district.id(), request).orElseThrow().kind().name()).isEqualTo("WEB_PRESENCE");

        String pending = checkSocial(site);
        assertThat(pending).contains("Room 12 Instagram is not approved yet");

        approvals.decide(district.id(), request, pat, true, "", "");
        approvals.decide(district.id(), request, tech, true, "", "");
        String withoutConsent = checkSocial(site);
        assertThat(withoutConsent).doesNotContain("not approved yet").contains("no COPPA consent recorded");

        mvc.perform(post("/publishing/sites/{id}/consent", site).with(user(bea)).with(csrf())
                .param("how", "Parents signed the class account consent form"))
                .andExpect(flashTo("Only Ana Lopez, who keeps Room 12 Instagram, or a district administrator"));
        mvc.perform(post("/publishing/sites/{id}/consent", site).with(user(ana)).with(csrf())
                .param("how", "Parents signed the class account consent form")).andExpect(flashTo("recorded"));
        mvc.perform(post("/publishing/sites/{id}/consent", site).with(user(ana)).with(csrf())
                .param("how", "nothing at all, changed my mind")).andExpect(flashTo("already recorded, by Ana Lopez"));
        assertThat(checkSocial(site)).contains("Allowed as it stands", "Maria G.");
    }

    @Test
    void twoReviewersDecidingAtOnceRecordOneDecision() throws Exception {
        long post = submit(ana, "Reading week", studentId("st-1"));
        mvc.perform(post("/publishing/settings/reviewer").with(user(admin)).with(csrf()).param("school", "LES")
                .param("staffId", "" + dee.staffId())).andExpect(flash("Designated"));
        List<Object> outcomes = org.steward.AtOnce.overlapping(data, "publishing_post", post,
                () -> posts.approve(pat, post),
                () -> posts.returnToAuthor(dee, post, "Use the class photo from Monday instead.", List.of()));
        assertThat(outcomes).filteredOn(Post.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(PublishingRefused.class::isInstance).hasSize(1)
                .first().extracting(o -> ((Exception) o).getMessage()).asString()
                .contains("Someone else changed or decided this post a moment ago");
        assertThat(jdbc.sql("select count(*) from publishing_post_event where post_id = ?").param(post)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aReviewIsKeptAsItWasAndAnApprovedPostNeverChanges() throws Exception {
        long post = submit(ana, "Our garden", studentId("st-1"));
        mvc.perform(post("/publishing/posts/{id}/approve", post).with(user(pat)).with(csrf()))
                .andExpect(flash("Approved"));
        assertThat(jdbc.sql("select title || ' ' || array_length(image_sha256, 1) || ' ' || student_ids[1]"
                        + " from publishing_post_event where post_id = ? and what = 'APPROVED'").param(post)
                .query(String.class).single()).isEqualTo("Our garden 1 " + studentId("st-1"));
        for (String tampering : List.of("delete from publishing_post where id = " + post,
                "update publishing_post set title = 'Something else' where id = " + post,
                "delete from publishing_post_event where post_id = " + post,
                "truncate publishing_post_event")) {
            assertThatThrownBy(() -> jdbc.sql(tampering).update()).as(tampering)
                    .isInstanceOf(org.springframework.dao.DataAccessException.class);
        }
        assertThat(jdbc.sql("select count(*) from publishing_post_event where post_id = ?").param(post)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void everyPostNamesItsStudentsAndSomeoneReviewsIt() throws Exception {
        // a group photo names its students too: Sam's parents chose no photographs, of any kind
        mvc.perform(multipart("/publishing/posts").param("title", "The whole class").param("kind", "GROUP_PHOTO")
                        .param("audience", "DISTRICT_PAGE").param("on", ON).with(user(ana)).with(csrf()))
                .andExpect(flash("Choose the students in it: a group photo too"));
        // the principal has no principal of her own and no designee is named: nobody could review her post
        importStudents(tech, ORGS, USERS, CLASSES, ENROLLMENTS + "e9,active,2026-08-01,c-art,RHS,P1,teacher,,,\n");
        mvc.perform(multipart("/publishing/posts").param("title", "Art show").param("kind", "WORK_WITH_NAME")
                        .param("audience", "DISTRICT_PAGE").param("on", ON).param("student", "" + studentId("st-4"))
                        .with(user(pat)).with(csrf()))
                .andExpect(flash("No one reviews your posts yet"));
        assertThat(jdbc.sql("select count(*) from publishing_post where district_id = ?").param(district.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aControlCharacterInAFormOrAnImportIsRefusedNamingIt() throws Exception {
        mvc.perform(multipart("/publishing/posts").param("title", "Gar\u0000den").param("kind", "PHOTO_WITH_NAMES")
                        .param("audience", "DISTRICT_PAGE").param("on", ON).param("student", "" + studentId("st-1"))
                        .with(user(ana)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("the parameter &#39;title&#39; holds a NUL")));
        importStudents(tech, ORGS, USERS.replace("Maria,Garcia", "Ma\u0000ria,Garcia"), CLASSES, ENROLLMENTS)
                .andExpect(content().string(containsString("users.csv line 2: this line holds a NUL character")));
        assertThat(jdbc.sql("select given_name from student where id = ?").param(studentId("st-1"))
                .query(String.class).single()).isEqualTo("Maria");
    }

    @Test
    void aReImportKeepsClassesWhereTheyAreAndStudentsWhoLeftLeaveTheirClasses() throws Exception {
        long maria = studentId("st-1");
        mvc.perform(multipart("/publishing/import/students").file(csv("orgs.csv", ORGS)).file(csv("users.csv", USERS))
                        .file(csv("classes.csv", CLASSES)).with(user(tech)).with(csrf()))
                .andExpect(content().string(containsString("enrollments.csv: missing")));
        importStudents(tech, ORGS, USERS, CLASSES, ENROLLMENTS.replace(",T1,teacher,", ",T9,teacher,"))
                .andExpect(content().string(containsString("teacher T9 is not in the staff roster")));
        importStudents(tech, ORGS, USERS, CLASSES.replace(",LES,,,,", ",NOPE,,,,"), ENROLLMENTS)
                .andExpect(content().string(containsString("unknown school: org NOPE")));

        importStudents(tech, ORGS, USERS.replace("st-1,active,", "st-1,tobedeleted,"), CLASSES, ENROLLMENTS)
                .andExpect(content().string(containsString("Imported students")));
        assertThat(jdbc.sql("select id from student_class where district_id = ? and source_id = 'c-room12'")
                .param(district.id()).query(Long.class).single()).as("the class keeps its address").isEqualTo(roomTwelve);
        mvc.perform(get("/publishing/classes/{id}", roomTwelve).with(user(ana)))
                .andExpect(content().string(containsString("Lee, Sam")))
                .andExpect(content().string(not(containsString("Garcia"))));
        mvc.perform(get("/api/publishing/check").with(user(ana)).param("student", "" + maria)
                        .param("kind", "WORK_WITH_NAME").param("audience", "DISTRICT_PAGE").param("on", ON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0]").value(containsString("have left the district")));
    }

    // ---- helpers ----

    String checkSocial(long site) throws Exception {
        return mvc.perform(get("/publishing/check").with(user(ana)).param("student", "" + studentId("st-1"))
                        .param("kind", "CLASS_SOCIAL_MEDIA").param("audience", "PUBLIC_WEB").param("site", "" + site)
                        .param("on", ON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long submit(StewardUser teacher, String title, long... students) throws Exception {
        var request = multipart("/publishing/posts").file(new MockMultipartFile("image", "garden.png", "image/png",
                        PNG)).param("title", title).param("kind", "PHOTO_WITH_NAMES")
                .param("audience", "DISTRICT_PAGE").param("on", ON);
        for (long student : students) {
            request.param("student", "" + student);
        }
        String location = mvc.perform(request.with(user(teacher)).with(csrf())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/publishing/posts/");
        return Long.parseLong(location.substring("/publishing/posts/".length()));
    }

    static org.springframework.test.web.servlet.ResultMatcher flash(String text) {
        return result -> {
            Object message = result.getFlashMap().get("message");
            Object problem = result.getFlashMap().get("problem");
            assertThat(message + " " + problem).contains(text);
        };
    }

    static org.springframework.test.web.servlet.ResultMatcher flashTo(String text) {
        return flash(text);
    }

    org.springframework.test.web.servlet.ResultActions importStudents(StewardUser by, String orgs, String users,
                                                                       String classes, String enrollments)
            throws Exception {
        return mvc.perform(multipart("/publishing/import/students").file(csv("orgs.csv", orgs))
                .file(csv("users.csv", users)).file(csv("classes.csv", classes))
                .file(csv("enrollments.csv", enrollments)).with(user(by)).with(csrf()));
    }

    org.springframework.test.web.servlet.ResultActions importChoices(StewardUser by, String choices) throws Exception {
        return mvc.perform(multipart("/publishing/import/choices").file(new MockMultipartFile("file", "choices.csv",
                "text/csv", choices.getBytes(StandardCharsets.UTF_8))).with(user(by)).with(csrf()));
    }

    static MockMultipartFile csv(String name, String content) {
        return new MockMultipartFile("file", name, "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }

    long studentId(String sourceId) {
        return jdbc.sql("select id from student where district_id = ? and source_id = ?")
                .params(district.id(), sourceId).query(Long.class).single();
    }

    List<String> subjects(String address) throws Exception {
        return Mailboxes.to(mail, address).stream().map(Mailboxes::subject).toList();
    }

    static JsonNode json(MvcResult result) throws Exception {
        return JsonMapper.builder().build().readTree(result.getResponse().getContentAsString());
    }

    /** The smallest PNG: one transparent pixel. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    static LocalDate on() {
        return LocalDate.parse(ON);
    }
}
