package feedwright.post;

import feedwright.problem.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a load that depend on the clock, applied to what each load read, in file order: an update claimed
 * for later waits ({@link FutureUpdates}); a post dated in the future is left out, with a warning, unless the
 * site publishes such posts; and the earliest time one of these waits for.
 *
 * <p>A post whose date and update are both past stays so while the clock moves forward. So a result that is the
 * same object at the same place as in the last load, and was past then, is not looked at again: at 10,000 posts,
 * reading every post's two dates (each a chain of objects spread over the heap) took longer than the rest of a
 * live reload's loading. One per loader, whose loads are serialised.
 */
final class ClockRules {

    private final boolean publishFuture;
    private List<PostResult> lastRead = List.of();
    private BitSet lastPast = new BitSet();
    private Instant lastNow = Instant.MIN;

    /** @param publishFuture whether posts dated in the future are published now ({@code future: true}) */
    ClockRules(boolean publishFuture) {
        this.publishFuture = publishFuture;
    }

    /**
     * What the clock makes of the results.
     *
     * @param results       the results in the same order, each with an update claimed for later withheld
     * @param published     the posts to publish, in the same order
     * @param future        the files of posts left out until their date
     * @param warnings      one per post left out until its date
     * @param nextScheduled the earliest time one of these rules waits for
     */
    record Applied(List<PostResult> results, List<Post> published, List<String> future, List<Problem> warnings,
                   Optional<Instant> nextScheduled) {
    }

    /** @param read what a load read, in file order */
    Applied apply(List<PostResult> read, Instant now) {
        boolean forward = !now.isBefore(lastNow);
        BitSet past = new BitSet(read.size());
        List<PostResult> results = new ArrayList<>(read.size());
        List<Post> published = new ArrayList<>(read.size());
        List<String> future = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        List<Instant> waiting = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            PostResult result = read.get(i);
            boolean pastBefore = forward && i < lastRead.size() && lastRead.get(i) == result && lastPast.get(i);
            if (pastBefore || FutureUpdates.isPast(result, now)) {
                past.set(i);
                results.add(result);
                if (result.post().isPresent()) {
                    published.add(result.post().get());
                }
                continue;
            }
            FutureUpdates.nextChange(result, now).ifPresent(waiting::add);
            PostResult applied = FutureUpdates.notAfter(result, now);
            results.add(applied);
            if (applied.post().isEmpty()) {
                continue;
            }
            Post post = applied.post().get();
            if (publishFuture || !post.published().toInstant().isAfter(now)) {
                published.add(post);
            } else {
                future.add(post.file());
                waiting.add(post.published().toInstant());
                warnings.add(Problem.warning(post.file(), "dated in the future (" + post.published()
                        + "); left out until then (set future: true to publish it now)"));
            }
        }
        lastRead = read;
        lastPast = past;
        lastNow = now;
        return new Applied(results, published, future, warnings, waiting.stream().min(Comparator.naturalOrder()));
    }
}
