package feedwright.feed.rome;

import com.rometools.modules.content.io.ContentModuleGenerator;
import org.jdom2.Element;

/**
 * {@code rome-modules}' generator for {@code content:encoded}, writing the HTML as escaped character data
 * instead of a CDATA section: JDOM refuses a CDATA section holding {@code ]]>}, which a post may, and
 * Feedwright's feeds have always been written this way, so the bytes (and ETags) stay the same.
 */
public final class EscapedContentGenerator extends ContentModuleGenerator {

    @Override
    protected Element generateCDATAElement(String name, String value) {
        return generateSimpleElement(name, value);
    }
}
