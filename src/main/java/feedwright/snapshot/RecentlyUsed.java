package feedwright.snapshot;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What was used last, up to a budget: the values made on demand for archive pages (their bytes, by size;
 * the renderings of their posts, by count), so that a page read again soon (a crawler's next pass, a cache
 * revalidating) is not made again, while the heap holds at most the budget however many pages a site has.
 * Keys compare as they define equality (a {@link OnDemandBody} by identity).
 *
 * <p>Thread-safe.
 */
final class RecentlyUsed<K, V> {

    private final long budget;
    private final ToLongFunction<V> weight;
    /** In order of use, least recent first. */
    private final LinkedHashMap<K, V> values = new LinkedHashMap<>(64, 0.75f, true);
    private long held;

    /** @param weight what a value counts against the budget */
    RecentlyUsed(long budget, ToLongFunction<V> weight) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget " + budget);
        }
        this.budget = budget;
        this.weight = weight;
    }

    /** Each value counting one. */
    static <K, V> RecentlyUsed<K, V> counted(int most) {
        return new RecentlyUsed<>(most, value -> 1);
    }

    synchronized V get(K key) {
        return values.get(key);
    }

    synchronized boolean contains(K key) {
        return values.containsKey(key);
    }

    /** Keeps {@code value}, letting the least recently used go until the budget holds; one larger than the budget is not kept. */
    synchronized void put(K key, V value) {
        if (weight.applyAsLong(value) > budget) {
            return; // kept, it would only push out everything else and then itself
        }
        V before = values.put(key, value);
        held += weight.applyAsLong(value) - (before == null ? 0 : weight.applyAsLong(before));
        Iterator<Map.Entry<K, V>> oldest = values.entrySet().iterator();
        while (held > budget && oldest.hasNext()) {
            held -= weight.applyAsLong(oldest.next().getValue());
            oldest.remove();
        }
    }

    /** How much of the budget is used now. */
    synchronized long held() {
        return held;
    }
}
