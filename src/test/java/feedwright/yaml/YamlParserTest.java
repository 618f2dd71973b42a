package feedwright.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class YamlParserTest {

    /** Front matter whose plain scalars resolve to every kind: the resolver decides each. */
    private static final List<String> FRONT_MATTERS = List.of(
            "title: 投資の話\ndate: 2025-11-26 20:35:16 +0000\npublished: true\nreading_time: 7\n",
            "title: '42'\ntags: [AI, 半導体, 2025]\nweight: 3.5\nexcerpt: ~\n",
            "categories:\n  - tech\n  - yes\ndraft: false\ndate: 2024-01-02\n",
            "author: {name: 編集部, email: null}\nrank: 0x1F\nlayout: post\n");

    @Test
    void frontMatterReadOnManyThreadsAtOnceReadsAsItDoesAlone() throws Exception {
        List<String> alone = FRONT_MATTERS.stream().map(YamlParserTest::described).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int first = thread;
                runs.add(threads.submit(() -> {
                    List<String> read = new ArrayList<>();
                    for (int i = 0; i < 400; i++) {
                        read.add(described(FRONT_MATTERS.get((first + i) % FRONT_MATTERS.size())));
                    }
                    return read;
                }));
            }
            for (int thread = 0; thread < runs.size(); thread++) {
                List<String> read = runs.get(thread).get();
                for (int i = 0; i < read.size(); i++) {
                    assertThat(read.get(i)).isEqualTo(alone.get((thread + i) % FRONT_MATTERS.size()));
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(alone.get(0)).contains("published=BOOLEAN true", "reading_time=NUMBER 7");
        assertThat(alone.get(1)).contains("title=TEXT 42", "excerpt=NULL", "weight=NUMBER", "[NUMBER 2025]");
        assertThat(alone.get(2)).contains("date=TEXT timestamp 2024-01-02", "[BOOLEAN yes]");
    }

    /** Each key's kind, whether it is a timestamp, and its text, one level deep. */
    private static String described(String yaml) {
        YamlMap map;
        try {
            map = YamlParser.parseMapping(yaml, "posts/x.md", 1, 10_000);
        } catch (YamlSyntaxException e) {
            throw new AssertionError(e);
        }
        StringBuilder out = new StringBuilder();
        for (String key : map.keys()) {
            YamlValue value = map.get(key).orElseThrow();
            out.append(key).append('=').append(value.kind()).append(value.isTimestamp() ? " timestamp " : " ")
                    .append(value.text());
            value.items().forEach(item -> out.append(" [").append(item.kind()).append(' ').append(item.text()).append(']'));
            out.append('\n');
        }
        return out.toString();
    }
}
