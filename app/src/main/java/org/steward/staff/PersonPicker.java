package org.steward.staff;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.steward.accounts.StewardUser;

/**
 * The suggestions of the person picker ({@code staff/picker.html}) as one types: the people of the signer's district
 * the signer may see, as a fragment of choices that htmx puts under the field. Without JavaScript the form the picker
 * is in is submitted with the text, and its page offers the same choices.
 */
@Controller
class PersonPicker {

    private final PersonSearch search;

    PersonPicker(PersonSearch search) {
        this.search = search;
    }

    @GetMapping("/staff/choices")
    String choices(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String person,
                   @RequestParam(defaultValue = "false") boolean active, Model model) {
        List<StaffDirectory.Listing> choices = search.suggestions(me, person, active, PersonSearch.SUGGESTIONS);
        model.addAttribute("query", person);
        model.addAttribute("choices", choices);
        model.addAttribute("chosen", null);
        return "staff/picker :: suggestions";
    }
}
