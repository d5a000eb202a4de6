package org.steward.staff;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.steward.accounts.AccountClosures;

/** A separated employee's accounts are closed as their separation is recorded (Clovis R: access disabled). */
@Component
class AccountsAtSeparation {

    private final AccountClosures closures;

    AccountsAtSeparation(AccountClosures closures) {
        this.closures = closures;
    }

    @ApplicationModuleListener
    void on(StaffSeparated separated) {
        closures.closeForStaff(separated.districtId(), separated.staffId(),
                "employment ended on " + separated.separatedOn());
    }
}
