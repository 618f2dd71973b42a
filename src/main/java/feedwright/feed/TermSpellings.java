package feedwright.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spelling each feed gives its term, for the rare terms that posts spell in more than one way
 * ({@code AI}, {@code ai}): the planner names the feed by the spelling most posts use, and every entry
 * then writes the term that same way, so a reader sees one name for one feed. Terms spelt one way are not
 * held: their posts already write them as their feed does. Immutable and thread-safe.
 */
public final class TermSpellings {

    /** No term spelt in more than one way: nothing to change. */
    public static final TermSpellings NONE = new TermSpellings(Map.of());

    /** The display name by the URL of the term's feed folder, which tells a category from a tag of one name. */
    private final Map<String, String> names;
    private final String key;

    private TermSpellings(Map<String, String> names) {
        this.names = Map.copyOf(names);
        StringBuilder text = new StringBuilder();
        new TreeMap<>(names).forEach((url, name) -> text.append(url).append('\0').append(name).append('\n'));
        this.key = text.toString();
    }

    /** @param assembler gives each term's feed folder URL, as {@link FeedAssembler#prepare} does */
    static TermSpellings of(List<PlannedFeed> plan, FeedAssembler assembler) {
        Map<String, String> names = new TreeMap<>();
        for (PlannedFeed planned : plan) {
            if (planned.respelled() && !planned.spec().page().isArchive()) {
                names.put(assembler.feedUrl(planned.spec().folder()), planned.spec().term().orElseThrow().name());
            }
        }
        return names.isEmpty() ? NONE : new TermSpellings(names);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * The spellings as text, equal for equal spellings: a feed written under other spellings must be written
     * again even when its posts did not change.
     */
    public String key() {
        return key;
    }

    /** The entry's terms as their feeds spell them: the same list when none is spelt otherwise. */
    List<Entry.Category> respell(List<Entry.Category> terms) {
        List<Entry.Category> respelled = null;
        for (int i = 0; i < terms.size(); i++) {
            Entry.Category term = terms.get(i);
            String name = names.get(term.url());
            if (name != null && !name.equals(term.name())) {
                if (respelled == null) {
                    respelled = new ArrayList<>(terms);
                }
                respelled.set(i, new Entry.Category(name, term.scheme(), term.url()));
            }
        }
        return respelled == null ? terms : List.copyOf(respelled);
    }
}
