package org.steward.activity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.districts.DistrictTime;
import org.steward.lists.ListParams;

/**
 * Technology services' page of the URL category lists: the set in use and what changed when it came, the previous set
 * to go back to, a download held back, the download address with its schedule and every check's outcome, and the
 * set installed by hand from an upload or a folder on the server.
 */
@Controller
class CategoryListsController {

    /** The sets listed on the page; older ones are counted. */
    private static final int HISTORY = 10;

    private final CategoryLists categories;
    private final CategoryFeeds feeds;
    private final Sources sources;
    private final DistrictTime time;

    CategoryListsController(CategoryLists categories, CategoryFeeds feeds, Sources sources, DistrictTime time) {
        this.categories = categories;
        this.feeds = feeds;
        this.sources = sources;
        this.time = time;
    }

    @GetMapping("/activity/categories")
    String categories(@AuthenticationPrincipal StewardUser me, ListParams list, Model model) {
        long district = me.districtId();
        model.addAttribute("installed", categories.current(district).orElse(null));
        model.addAttribute("attribution", CategoryLists.ATTRIBUTION);
        model.addAttribute("folders", sources.folders(district));
        model.addAttribute("previous", categories.previous(district).orElse(null));
        model.addAttribute("held", categories.held(district).orElse(null));
        categories.lastSwap(district).ifPresent(swap -> {
            model.addAttribute("swap", swap);
            if (swap.replaced() != null) {
                model.addAttribute("runsBefore", categories.runsBefore(district, swap.at()));
            }
        });
        model.addAttribute("feed", feeds.feed(district).orElse(null));
        model.addAttribute("nextCheck", feeds.nextCheck(district).orElse(null));
        model.addAttribute("checks", feeds.checks(district,
                CategoryFeeds.CHECKS.paging(list, 20).at("/activity/categories")));
        model.addAttribute("history", categories.history(district, HISTORY));
        model.addAttribute("setCount", categories.setCount(district));
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("hours", IntStream.range(0, 24).boxed().toList());
        return "activity/categories";
    }

    @PostMapping("/activity/categories/folder")
    String installFolder(@AuthenticationPrincipal StewardUser me, @RequestParam String folder,
                         RedirectAttributes redirect) {
        try {
            CategoryLists.Installed set = categories.installFolder(me.districtId(), Path.of(folder.strip()),
                    me.getUsername());
            redirect.addFlashAttribute("message", "In use: " + set.sizes().size() + " categories, "
                    + String.format("%,d", set.total()) + " entries.");
        } catch (CategoryLists.Refused | java.nio.file.InvalidPathException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/categories";
    }

    /** UT1's blacklists.tar.gz as the request body (it is larger than form uploads take). */
    @PostMapping("/activity/categories/archive")
    @ResponseBody
    ResponseEntity<Map<String, Object>> installArchive(@AuthenticationPrincipal StewardUser me,
                                                       @RequestHeader(name = "X-File-Name",
                                                               defaultValue = "blacklists.tar.gz") String fileName,
                                                       HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            CategoryLists.Installed set = categories.installArchive(me.districtId(), body,
                    Ingestion.safeName(fileName), me.getUsername());
            return ResponseEntity.ok(Map.of("page", "/activity/categories", "categories", set.sizes().size()));
        } catch (CategoryLists.Refused refused) {
            return ResponseEntity.unprocessableEntity().body(Map.of("problem", refused.getMessage()));
        }
    }

    @PostMapping("/activity/categories/feed")
    String setFeed(@AuthenticationPrincipal StewardUser me, @RequestParam(required = false) String address,
                   @RequestParam(required = false) String checksumAddress,
                   @RequestParam(required = false) String frequency, @RequestParam(required = false) String day,
                   @RequestParam(required = false) String hour, RedirectAttributes redirect) {
        try {
            CategoryFeeds.Feed feed = feeds.set(me.districtId(), address, checksumAddress, frequency, day, hour,
                    me.getUsername());
            redirect.addFlashAttribute("message", "Saved: Steward downloads the lists from " + feed.address() + " "
                    + feed.schedule().title() + " " + zoneName(me) + ".");
        } catch (CategoryFeeds.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/categories";
    }

    @PostMapping("/activity/categories/feed/remove")
    String removeFeed(@AuthenticationPrincipal StewardUser me, RedirectAttributes redirect) {
        try {
            feeds.remove(me.districtId(), me.getUsername());
            redirect.addFlashAttribute("message", "Steward no longer downloads the lists. The lists in use stay.");
        } catch (CategoryFeeds.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/categories";
    }

    /** Checks the address now rather than at the schedule's next hour; the outcome is listed with the others. */
    @PostMapping("/activity/categories/feed/check")
    String check(@AuthenticationPrincipal StewardUser me, RedirectAttributes redirect) {
        try {
            CategoryFeeds.Check check = feeds.check(me.districtId(), me.getUsername());
            boolean fine = check.outcome() == CategoryFeeds.Outcome.INSTALLED
                    || check.outcome() == CategoryFeeds.Outcome.UNCHANGED;
            redirect.addFlashAttribute(fine ? "message" : "problem", check.outcome().title() + ". "
                    + check.message());
        } catch (CategoryFeeds.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/categories";
    }

    @PostMapping("/activity/categories/previous")
    String putBack(@AuthenticationPrincipal StewardUser me, RedirectAttributes redirect) {
        try {
            CategoryLists.Installed set = categories.putBack(me.districtId(), me.getUsername());
            redirect.addFlashAttribute("message", "The previous lists are in use again: " + set.sizes().size()
                    + " categories from " + set.origin() + ".");
        } catch (CategoryLists.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/categories";
    }

    @PostMapping("/activity/categories/held")
    String putHeldInUse(@AuthenticationPrincipal StewardUser me, @RequestParam(required = false) Long set,
                        RedirectAttributes redirect) {
        try {
            if (set == null) {
                throw new CategoryLists.Refused("Say which held download to put in use.");
            }
            CategoryLists.Installed installed = categories.putHeldInUse(me.districtId(), set, me.getUsername());
            redirect.addFlashAttribute("message", "The held download is in use: " + installed.sizes().size()
                    + " categories, " + String.format("%,d", installed.total()) + " entries.");
        } catch (CategoryLists.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/categories";
    }

    private String zoneName(StewardUser me) {
        ZoneId zone = time.zone(me.districtId());
        return "(" + zone.getDisplayName(TextStyle.FULL, Locale.US) + ")";
    }
}
