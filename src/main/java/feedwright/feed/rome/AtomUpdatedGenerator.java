package feedwright.feed.rome;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleGenerator;
import feedwright.text.FeedDates;
import java.util.Set;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Writes an RSS item's update time as {@code atom:updated} (RFC 4287 §4.2.15), from its {@link PostTimes}:
 * RSS 2.0 has no element for it. Stateless; ROME makes one per generator.
 */
public final class AtomUpdatedGenerator implements ModuleGenerator {

    @Override
    public String getNamespaceUri() {
        return PostTimes.URI;
    }

    @Override
    public Set<Namespace> getNamespaces() {
        return Set.of(XmlNamespaces.ATOM);
    }

    @Override
    public void generate(Module module, Element item) {
        if (module instanceof PostTimes times) {
            item.addContent(new Element("updated", XmlNamespaces.ATOM).setText(FeedDates.rfc3339(times.getUpdated())));
        }
    }
}
