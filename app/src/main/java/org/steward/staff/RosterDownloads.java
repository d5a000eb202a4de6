package org.steward.staff;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.steward.accounts.StewardUser;
import org.steward.districts.DistrictTime;

/** The roster's CSV files: the import's template, and the whole roster in the same columns. */
@Controller
class RosterDownloads {

    private final RosterExport export;
    private final DistrictTime time;

    RosterDownloads(RosterExport export, DistrictTime time) {
        this.export = export;
        this.time = time;
    }

    @GetMapping("/staff/import/template.csv")
    ResponseEntity<byte[]> template() {
        return csv("roster-template.csv", RosterExport.template());
    }

    @GetMapping("/staff/import/roster.csv")
    ResponseEntity<byte[]> roster(@AuthenticationPrincipal StewardUser me) {
        return csv("roster-" + time.today(me.districtId()) + ".csv", export.export(me.districtId()));
    }

    private static ResponseEntity<byte[]> csv(String fileName, byte[] body) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build()
                        .toString())
                .body(body);
    }
}
