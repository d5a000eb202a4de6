package org.steward.investigations;

import org.springframework.stereotype.Service;
import org.steward.accounts.StewardUser;

/**
 * What the home page links of investigations for a person: the cases they may open (an investigator's list, or
 * their own as an assignee), the outcomes about them, and the outcomes they read as a supervisor or in HR.
 */
@Service
public class CaseLinks {

    /** The links to show; each false or 0 is left off. */
    public record Links(boolean cases, boolean myCases, boolean outcomesAboutMe, boolean othersOutcomes) {
    }

    private final CaseAccess access;
    private final Outcomes outcomes;

    CaseLinks(CaseAccess access, Outcomes outcomes) {
        this.access = access;
        this.outcomes = outcomes;
    }

    public Links of(StewardUser me) {
        boolean some = access.mayOpenSome(me);
        return new Links(me.mayInvestigate(), some && !me.mayInvestigate(), !outcomes.aboutMe(me).isEmpty(),
                outcomes.mayReadOthers(me));
    }
}
