package org.steward.activity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.lists.ListParams;

/**
 * Technology services' side of monitoring: the sources, each run with its figures and bad lines, uploads with a
 * progress bar (the file goes as the request body, so its size is not limited by form uploads), the address leases
 * and the settings. The category lists have their own page ({@link CategoryListsController}).
 */
@Controller
class SourceController {

    private final Sources sources;
    private final Ingestion ingestion;
    private final AddressLeases leases;
    private final MonitoringSettings settings;
    private final FolderFollower folders;
    private final SyslogReceivers receivers;
    /** How often folders are read and syslog batches ingested, as the source page tells it. */
    private final String followEvery;
    private final String batchEvery;

    SourceController(Sources sources, Ingestion ingestion, AddressLeases leases,
                     MonitoringSettings settings, FolderFollower folders, SyslogReceivers receivers,
                     @Value("${steward.activity.follow.every:PT30S}") Duration followEvery,
                     @Value("${steward.activity.batch.every:PT10S}") Duration batchEvery) {
        this.sources = sources;
        this.ingestion = ingestion;
        this.leases = leases;
        this.settings = settings;
        this.folders = folders;
        this.receivers = receivers;
        this.followEvery = InternetUse.duration(followEvery.toSeconds());
        this.batchEvery = InternetUse.duration(batchEvery.toSeconds());
    }

    @GetMapping("/activity/sources")
    String sources(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("sources", sources.all(me.districtId()));
        model.addAttribute("kinds", Sources.Kind.values());
        model.addAttribute("formats", Sources.Format.values());
        model.addAttribute("settings", settings.of(me.districtId()));
        model.addAttribute("leaseCount", leases.count(me.districtId()));
        model.addAttribute("folders", sources.folders(me.districtId()));
        try {
            model.addAttribute("ports", sources.ports(me.districtId()));
        } catch (Sources.Refused none) {
            model.addAttribute("ports", "none left: " + none.getMessage());
        }
        return "activity/sources";
    }

    @PostMapping("/activity/sources")
    String add(@AuthenticationPrincipal StewardUser me, @RequestParam String name, @RequestParam String kind,
               @RequestParam String format, @RequestParam(required = false) String folder,
               @RequestParam(required = false) String fileName, @RequestParam(required = false) Integer port,
               @RequestParam(required = false) String senders, RedirectAttributes redirect) {
        try {
            Sources.Source source = sources.create(me.districtId(), new Sources.Setup(name,
                    Sources.Kind.valueOf(kind), Sources.Format.valueOf(format), folder, fileName, port, senders),
                    me.getUsername());
            return "redirect:/activity/sources/" + source.id();
        } catch (Sources.Refused | IllegalArgumentException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            return "redirect:/activity/sources";
        }
    }

    @GetMapping("/activity/sources/{id}")
    String source(@AuthenticationPrincipal StewardUser me, @PathVariable long id, ListParams list, Model model) {
        model.addAttribute("source", source(me, id));
        model.addAttribute("runs", ingestion.runs(me.districtId(), id,
                Ingestion.RUNS.paging(list, 50).at("/activity/sources/" + id)));
        model.addAttribute("follow", folders.position(id).orElse(null));
        model.addAttribute("receiver", receivers.counts(id).orElse(null));
        model.addAttribute("followEvery", followEvery);
        model.addAttribute("batchEvery", batchEvery);
        model.addAttribute("tries", SyslogReceivers.TRIES);
        return "activity/source";
    }

    /** Reads a watched folder's new lines, or a syslog receiver's messages, now rather than at the next turn. */
    @PostMapping("/activity/sources/{id}/collect")
    String collect(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        Sources.Source source = source(me, id);
        try {
            List<Ingestion.Run> runs = source.kind() == Sources.Kind.FOLDER ? folders.follow(source)
                    : source.kind() == Sources.Kind.SYSLOG ? receivers.ingest(id) : List.of();
            long lines = runs.stream().mapToLong(Ingestion.Run::lines).sum();
            redirect.addFlashAttribute("message", runs.isEmpty() ? "Nothing new."
                    : runs.size() + (runs.size() == 1 ? " run, " : " runs, ") + lines + (lines == 1 ? " line." : " lines."));
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("problem", String.valueOf(e.getMessage()));
        }
        return "redirect:/activity/sources/" + id;
    }

    /** The file is the request body; its name comes in {@code X-File-Name}. Answers the run's page. */
    @PostMapping("/activity/sources/{id}/upload")
    @ResponseBody
    ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                                               @RequestHeader(name = "X-File-Name", defaultValue = "upload.log")
                                               String fileName, HttpServletRequest request) throws IOException {
        source(me, id);
        try (InputStream body = request.getInputStream()) {
            Ingestion.Run run = ingestion.submit(me.districtId(), id, body, fileName, me.getUsername());
            return ResponseEntity.accepted().body(Map.of("run", run.id(), "page", "/activity/runs/" + run.id()));
        } catch (Ingestion.Refused refused) {
            return ResponseEntity.unprocessableEntity().body(Map.of("problem", refused.getMessage()));
        }
    }

    @PostMapping("/activity/sources/{id}/token")
    String issueToken(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("token", sources.issueToken(me.districtId(), id, me.getUsername()));
        } catch (Sources.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/sources/" + id;
    }

    @PostMapping("/activity/sources/{id}/token/revoke")
    String revokeToken(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        try {
            sources.revokeToken(me.districtId(), id, me.getUsername());
            redirect.addFlashAttribute("message", "The token no longer opens the API.");
        } catch (Sources.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/sources/" + id;
    }

    @GetMapping("/activity/runs/{id}")
    String run(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Ingestion.Run run = ingestion.find(me.districtId(), id).orElseThrow(SourceController::notFound);
        model.addAttribute("run", run);
        model.addAttribute("source", source(me, run.sourceId()));
        model.addAttribute("progress", ingestion.progress(id).orElse(null));
        return "activity/run";
    }

    /** The run's figures alone, which the run page asks for every second while it runs (htmx). */
    @GetMapping("/activity/runs/{id}/status")
    String runStatus(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Ingestion.Run run = ingestion.find(me.districtId(), id).orElseThrow(SourceController::notFound);
        model.addAttribute("run", run);
        model.addAttribute("progress", ingestion.progress(id).orElse(null));
        return "activity/run :: status";
    }

    @PostMapping("/activity/leases")
    String leases(@AuthenticationPrincipal StewardUser me, @RequestParam MultipartFile file,
                  RedirectAttributes redirect) throws IOException {
        try {
            int count = leases.replace(me.districtId(), new String(file.getBytes(), StandardCharsets.UTF_8),
                    Ingestion.safeName(file.getOriginalFilename()), me.getUsername());
            redirect.addFlashAttribute("message", count + " address leases are in use.");
        } catch (AddressLeases.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/sources";
    }

    @PostMapping("/activity/settings")
    String saveSettings(@AuthenticationPrincipal StewardUser me, @RequestParam int rawRetentionDays,
                        @RequestParam int idleMinutes, @RequestParam String clausePolicy,
                        RedirectAttributes redirect) {
        try {
            settings.save(me.districtId(), new MonitoringSettings.Values(rawRetentionDays, idleMinutes,
                    clausePolicy.strip()), me.getUsername());
            redirect.addFlashAttribute("message", "Saved.");
        } catch (IllegalArgumentException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/sources";
    }

    private Sources.Source source(StewardUser me, long id) {
        return sources.find(me.districtId(), id).orElseThrow(SourceController::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
