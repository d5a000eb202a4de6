package org.steward.policies;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the laws a clause refers to, by name, acronym or bill number, so that each clause lists them and a
 * reviewer can find every clause that rests on, say, CalECPA.
 */
final class Laws {

    private record Law(String name, Pattern pattern) {
    }

    private static final List<Law> NAMED = List.of(
            law("FERPA", "\\bFERPA\\b|Family Educational Rights and Privacy Act"),
            law("CIPA", "\\bCIPA\\b|Children'?s Internet Protection Act"),
            law("COPPA", "\\bCOPPA\\b|Children'?s Online Privacy Protection Act"),
            law("CalECPA", "\\bCalECPA\\b|California Electronic Communications Privacy Act|Senate Bill 178\\b|\\bSB 178\\b"),
            law("AB 1584", "\\bAB 1584\\b|Assembly Bill 1584\\b|\\b49073\\.1\\b"),
            law("SOPIPA", "\\bSOPIPA\\b|Student Online Personal Information Protection Act|Senate Bill 1177\\b|\\bSB 1177\\b"),
            law("California Public Records Act", "Public Records Act|\\bCPRA\\b"),
            law("HIPAA", "\\bHIPAA\\b|Health Insurance Portability and Account\\w+ Act"),
            law("PPRA", "\\bPPRA\\b|Protection of Pupil Rights Amendment"),
            law("DMCA", "\\bDMCA\\b|Digital Millennium Copyright Act"),
            law("Penal Code 502", "Penal Code,? (?:section |§ ?)?502\\b"));

    private static final Pattern CODE_SECTION = Pattern.compile(
            "(Education|Penal|Government|Labor|Vehicle) Code,?(?: sections?| §)? (\\d{2,5}(?:\\.\\d+)?)",
            Pattern.CASE_INSENSITIVE);
    /** A legal-references list: "EDUCATION CODE" followed by one bulleted section number a line. */
    private static final Pattern CODE_LIST = Pattern.compile("^(EDUCATION|PENAL|GOVERNMENT|LABOR|VEHICLE) CODE\\s*$");
    private static final Pattern LISTED_SECTION = Pattern.compile("^\\W*(\\d{2,5}(?:\\.\\d+)?)\\b");

    private Laws() {
    }

    private static Law law(String name, String regex) {
        return new Law(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    static List<String> referencedBy(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (Law law : NAMED) {
            if (law.pattern().matcher(text).find()) {
                found.add(law.name());
            }
        }
        Matcher section = CODE_SECTION.matcher(text);
        while (section.find()) {
            found.add(codeName(section.group(1)) + " " + section.group(2));
        }
        String code = null;
        for (String line : text.split("\n")) {
            Matcher heading = CODE_LIST.matcher(line.strip());
            Matcher listed = LISTED_SECTION.matcher(line);
            if (heading.matches()) {
                code = codeName(heading.group(1));
            } else if (code != null && line.startsWith("•") && listed.find()) {
                found.add(code + " " + listed.group(1));
            } else if (!line.startsWith("•")) {
                code = null;
            }
        }
        return List.copyOf(found);
    }

    private static String codeName(String word) {
        return word.substring(0, 1).toUpperCase() + word.substring(1).toLowerCase() + " Code";
    }
}
