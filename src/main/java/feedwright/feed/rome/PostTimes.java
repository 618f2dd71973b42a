package feedwright.feed.rome;

import com.rometools.rome.feed.CopyFrom;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.module.ModuleImpl;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A ROME module carrying the times of a post (or of a whole feed) with the post's own offset, which
 * ROME's beans, holding {@link java.util.Date}s, lose. The generators read it to write their dates, and
 * {@link AtomUpdatedGenerator} writes an RSS item's update time from it. Its URI names the module, not
 * an XML namespace: nothing is written in it. The bean's own dates must be set as well: the generators
 * write the elements ROME makes from them, in the offset given here.
 */
public final class PostTimes extends ModuleImpl {

    private static final long serialVersionUID = 1L;

    public static final String URI = "urn:feedwright:post-times";

    private OffsetDateTime published;
    private OffsetDateTime updated;

    public PostTimes() {
        super(PostTimes.class, URI);
    }

    /** A post's times. */
    public static PostTimes of(OffsetDateTime published, OffsetDateTime updated) {
        PostTimes times = new PostTimes();
        times.published = Objects.requireNonNull(published, "published");
        times.updated = Objects.requireNonNull(updated, "updated");
        return times;
    }

    /** A feed's time: it has an update time and no publication time. */
    public static PostTimes updated(OffsetDateTime updated) {
        PostTimes times = new PostTimes();
        times.updated = Objects.requireNonNull(updated, "updated");
        return times;
    }

    /** The times among a feed's or an entry's modules, if they were given. */
    static Optional<PostTimes> in(List<Module> modules) {
        return modules.stream()
                .filter(PostTimes.class::isInstance)
                .map(PostTimes.class::cast)
                .findFirst();
    }

    /** Empty for a feed. */
    public Optional<OffsetDateTime> getPublished() {
        return Optional.ofNullable(published);
    }

    public OffsetDateTime getUpdated() {
        return updated;
    }

    @Override
    public Class<? extends CopyFrom> getInterface() {
        return PostTimes.class;
    }

    @Override
    public void copyFrom(CopyFrom other) {
        PostTimes times = (PostTimes) other;
        published = times.published;
        updated = times.updated;
    }
}
