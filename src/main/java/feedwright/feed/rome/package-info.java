/**
 * Feedwright's plug-ins for ROME, the library that models and writes RSS and Atom: the two feed
 * generators, the module that carries a post's own times, and the module generators that write what
 * ROME's core does not. They are registered by class name in {@code rome.properties} at the root of the
 * class path, which is how ROME finds its extensions; ROME instantiates them by reflection, which is the
 * only reason they are public. Only {@code feedwright.feed}'s writers use them.
 *
 * <p>The generators have feed types of their own ({@link feedwright.feed.rome.RssGenerator#TYPE},
 * {@link feedwright.feed.rome.AtomGenerator#TYPE}) rather than ROME's {@code rss_2.0} and
 * {@code atom_1.0}. ROME looks a type's module generators up under keys named after the type, and the
 * shaded jar appends every {@code rome.properties} into one file, where a key given twice keeps only its
 * last value: with keys of our own, neither {@code rome-modules}' registrations nor ours can hide the
 * other, and the module generators that run (and the namespaces declared) are exactly the ones listed.
 */
package feedwright.feed.rome;
