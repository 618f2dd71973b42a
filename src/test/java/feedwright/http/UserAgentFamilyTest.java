package feedwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The families the polling report groups clients into, from agent strings those clients send. */
class UserAgentFamilyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "newsboat/2.36.0 (Linux x86_64)|newsboat",
        "Newsbeuter/2.9 (Linux x86_64)|newsboat",
        "feedparser/6.0.11 +https://github.com/kurtmckee/feedparser/|feedparser",
        "UniversalFeedParser/5.2.1 +https://code.google.com/p/feedparser/|feedparser",
        "FreshRSS/1.24.3 (Linux; https://freshrss.org)|FreshRSS",
        "Mozilla/5.0 (compatible; Miniflux/2.2.0; +https://miniflux.app)|Miniflux",
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers; like FeedFetcher-Google)|Feedly",
        "NetNewsWire (RSS Reader; https://netnewswire.com/)|NetNewsWire",
        "Mozilla/5.0 (compatible; inoreader.com; 12 subscribers)|Inoreader",
        "curl/8.5.0|curl",
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0|browser",
        "Go-http-client/1.1|Go-http-client",
        "python-requests/2.31.0|python-requests",
        "Wget|Wget",
        "(none)|other",
        "ThisProductTokenIsFarTooLongToBeOneAReaderPicks/1.0|other",
    })
    void classifies(String userAgent, String family) {
        assertThat(UserAgentFamily.of(userAgent)).isEqualTo(family);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|other"})
    void anEmptyAgentIsOther(String userAgent, String family) {
        assertThat(UserAgentFamily.of(userAgent)).isEqualTo(family);
        assertThat(UserAgentFamily.of(null)).isEqualTo(family);
    }
}
