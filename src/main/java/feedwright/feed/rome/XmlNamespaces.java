package feedwright.feed.rome;

import com.rometools.modules.content.ContentModule;
import org.jdom2.Namespace;

/** The prefixed namespaces Feedwright's RSS uses beside ROME's own: Atom's elements and the content module. */
final class XmlNamespaces {

    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    static final Namespace CONTENT = Namespace.getNamespace("content", ContentModule.URI);

    private XmlNamespaces() {
    }
}
