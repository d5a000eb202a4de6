package org.steward.publishing;

/** What a post shows of the students in it. */
public enum PostKind {
    GROUP_PHOTO("A group photo without names"),
    PHOTO_WITH_NAMES("A photo with students' names"),
    WORK_WITH_NAME("Student work with the student's name"),
    CLASS_SOCIAL_MEDIA("A post on a class social media account");

    private final String title;

    PostKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Whether the post shows the students' faces. */
    public boolean showsImages() {
        return this != WORK_WITH_NAME;
    }

    /** Whether the post names the students in it. */
    public boolean namesStudents() {
        return this != GROUP_PHOTO;
    }
}
