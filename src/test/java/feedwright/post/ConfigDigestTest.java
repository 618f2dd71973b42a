package feedwright.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feedwright.config.ConfigLoader;
import feedwright.config.SiteConfig;
import feedwright.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's part of the post cache's key: equal configurations, equal digests; any change, another. */
class ConfigDigestTest {

    @Test
    void theSameConfigurationLoadedTwiceHasOneDigest() throws Exception {
        assertThat(ConfigDigest.of(ConfigLoader.load(TestSite.sample())))
                .isEqualTo(ConfigDigest.of(ConfigLoader.load(TestSite.sample())))
                .hasSize(64);
    }

    @Test
    void anyChangedKeyChangesTheDigestEvenOnesReadingAPostDoesNotUse() throws Exception {
        String plain = ConfigDigest.of(TestSite.config());
        for (String changed : List.of("author: Someone", "timezone: UTC", "max_post_bytes: 1000",
                "server: {port: 9999}", "server: {max_age: 61}", "id_scheme: permalink",
                "server: {trusted_proxies: [10.0.0.0/8]}", "websub: {hubs: [\"https://hub.example/\"]}",
                "end_marker: \"---FIN---\"", "description: Other")) {
            assertThat(ConfigDigest.of(TestSite.config(changed))).as(changed).isNotEqualTo(plain);
        }
    }

    @Test
    void aJekyllSitesAuthorsAreDescribedInKeyOrderWhateverOrderTheMapIteratesIn(@TempDir Path site) throws Exception {
        Files.writeString(site.resolve("_config.yml"), "title: J\nurl: https://example.org\nauthor: hana\n");
        Files.createDirectories(site.resolve("_data"));
        Files.writeString(site.resolve("_data/authors.yml"), "hana:\n  name: 山田 花子\ntaro:\n  name: 太郎\n"
                + "ken:\n  name: Ken\n");
        SiteConfig jekyll = ConfigLoader.load(site);
        assertThat(jekyll.jekyll()).get().extracting(j -> j.authors().size()).isEqualTo(3);

        Map<String, String> forwards = new LinkedHashMap<>();
        Map<String, String> backwards = new LinkedHashMap<>();
        for (String name : List.of("a", "b", "c", "d")) {
            forwards.put(name, name.toUpperCase());
        }
        for (String name : List.of("d", "c", "b", "a")) {
            backwards.put(name, name.toUpperCase());
        }

        assertThat(ConfigDigest.canonical(forwards)).isEqualTo(ConfigDigest.canonical(backwards));
        assertThat(ConfigDigest.of(jekyll)).isEqualTo(ConfigDigest.of(ConfigLoader.load(site)))
                .isNotEqualTo(ConfigDigest.of(TestSite.config()));
    }

    @Test
    void aJekyllSitesFrontMatterDefaultsAreDescribedValueByValueAndWhereEachIsWritten(@TempDir Path site)
            throws Exception {
        String config = "title: J\nurl: https://example.org\ndefaults:\n  - scope: {path: \"\", type: posts}\n"
                + "    values:\n      author: hana\n      tags: [a, b]\n      image: {path: /a.png}\n";
        Files.writeString(site.resolve("_config.yml"), config);
        String digest = ConfigDigest.of(ConfigLoader.load(site));
        assertThat(ConfigDigest.of(ConfigLoader.load(site))).isEqualTo(digest);

        // A value, an item, a nested value, a key added, and a line moved (problems name where a value is).
        Map<String, String> changes = Map.of("author: hana", "author: taro", "tags: [a, b]", "tags: [a, c]",
                "/a.png", "/b.png", "      author: hana\n", "      author: hana\n      permalink: /:title/\n",
                "    values:", "    # moved down\n    values:");
        for (Map.Entry<String, String> change : changes.entrySet()) {
            Files.writeString(site.resolve("_config.yml"), config.replace(change.getKey(), change.getValue()));
            assertThat(ConfigDigest.of(ConfigLoader.load(site))).as(change.getValue()).isNotEqualTo(digest);
        }
    }

    @Test
    void yamlThatAliasesMakeEnormousHasNoCanonicalFormRatherThanAWalkOfIt(@TempDir Path site) throws Exception {
        // A list of a thousand, then five levels of three aliases each (16 aliases, under the parser's limit of
        // 20): some 243,000 values once walked.
        StringBuilder bomb = new StringBuilder("title: J\nurl: https://example.org\nlaughs:\n  a0: &a0 [")
                .append(String.join(", ", Collections.nCopies(1000, "x"))).append("]\n");
        for (int level = 1; level <= 5; level++) {
            bomb.append("  a").append(level).append(": &a").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(3, "*a" + (level - 1)))).append("]\n");
        }
        bomb.append("defaults:\n  - values:\n      big: *a5\n");
        Files.writeString(site.resolve("_config.yml"), bomb.toString());

        assertThatThrownBy(() -> ConfigDigest.of(ConfigLoader.load(site)))
                .isInstanceOf(ConfigDigest.Undescribable.class).hasMessageContaining("no canonical form");
    }

    @Test
    void textsCannotRunIntoEachOther() throws Exception {
        assertThat(ConfigDigest.canonical(List.of("ab", "c"))).isNotEqualTo(ConfigDigest.canonical(List.of("a", "bc")));
        assertThat(ConfigDigest.canonical(Optional.of(""))).isNotEqualTo(ConfigDigest.canonical(Optional.empty()));
    }

    @Test
    void aValueOfAnUnknownKindIsRefusedRatherThanDescribedByItsToString() {
        record WithAnArray(int[] values) {
        }

        assertThatThrownBy(() -> ConfigDigest.canonical(new WithAnArray(new int[] {1})))
                .isInstanceOf(ConfigDigest.Undescribable.class).hasMessageContaining("[I");
    }
}
