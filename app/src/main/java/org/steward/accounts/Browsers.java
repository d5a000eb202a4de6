package org.steward.accounts;

/** Names a browser and its system from its User-Agent, as a person recognises them ("Chrome on Windows"). */
final class Browsers {

    private Browsers() {
    }

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "an unnamed browser";
        }
        String ua = userAgent;
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("Firefox/") ? "Firefox"
                : ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("CriOS/") ? "Chrome"
                : ua.contains("Safari/") ? "Safari" : "a browser";
        if (ua.contains("HeadlessChrome/")) {
            browser = "Chrome (headless)";
        }
        String system = ua.contains("iPhone") || ua.contains("iPad") ? "iOS" : ua.contains("Android") ? "Android"
                : ua.contains("CrOS") ? "ChromeOS" : ua.contains("Windows") ? "Windows"
                : ua.contains("Mac OS X") ? "macOS" : ua.contains("Linux") ? "Linux" : null;
        return system == null ? browser : browser + " on " + system;
    }
}
