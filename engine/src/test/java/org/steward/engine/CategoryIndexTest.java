package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.categories.Ut1Lists;

class CategoryIndexTest {

    @Test
    void aDomainCoversItsSubdomainsAndOneWalkAnswersEveryCategory() {
        CategoryIndex index = CategoryIndex.builder(16)
                .domain("example.com", "games")
                .domain("play.example.com", "gambling")
                .domain("203.0.113.7", "malware")
                .urlPrefix("news.org/sport", "sports")
                .build();
        assertThat(index.categorize("www.play.example.com", "/").names()).containsExactly("games", "gambling");
        assertThat(index.categorize("example.com", "/").names()).containsExactly("games");
        assertThat(index.categorize("notexample.com", "/").isEmpty()).isTrue();
        assertThat(index.categorize("203.0.113.7", "").names()).containsExactly("malware");
        assertThat(index.categorize("3.0.113.7", "").isEmpty()).isTrue();
        assertThat(index.categorize("www.news.org", "/sport/today").names()).containsExactly("sports");
        assertThat(index.categorize("www.news.org", "/weather").isEmpty()).isTrue();
    }

    @Test
    void theDistrictsAllowListWinsAndItsBlockListIsACategory() {
        CategoryIndex index = CategoryIndex.builder(16).domain("khanacademy.org", "games").build();
        assertThat(index.categorize("www.khanacademy.org", "/").names()).containsExactly("games");
        CategoryIndex allowed = CategoryIndex.builder(16).domain("khanacademy.org", "games")
                .allow("khanacademy.org").build();
        assertThat(allowed.categorize("www.khanacademy.org", "/").isEmpty()).isTrue();
    }

    @Test
    void loadsTheRealUt1ListsWithTheirAliases() {
        Ut1Lists.Loaded lists = Ut1Lists.load(Shared.data("ut1"), null, List.of("nces.ed.gov"),
                List.of("badsite.example"));
        assertThat(lists.canonical("porn")).isEqualTo("adult");
        assertThat(lists.canonical("proxy")).isEqualTo("redirector");
        assertThat(lists.sizes().get("games")).isGreaterThan(30_000);
        assertThat(lists.index().domainCount()).isGreaterThan(500_000);
        assertThat(lists.index().categorize("www.0000100.com", "/").names()).contains("games");
        assertThat(lists.index().categorize("badsite.example", "/").names()).containsExactly("district-block");
        assertThat(lists.index().categories()).contains("adult", "gambling", "games", "warez", "redirector", "vpn",
                "doh", "malware", "phishing", "audio-video");
    }

    @Test
    void onlyTheNamedCategoriesAreLoadedWhenAsked() {
        Ut1Lists.Loaded lists = Ut1Lists.load(Shared.data("ut1"), Set.of("games", "porn"), List.of(), List.of());
        assertThat(lists.index().categories()).containsExactlyInAnyOrder("games", "adult");
    }
}
