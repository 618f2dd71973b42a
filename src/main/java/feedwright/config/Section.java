package feedwright.config;

/**
 * A group of site.yml keys that becomes one record of {@link SiteConfig}. Most sections are written at the
 * top level of the file, their keys side by side; {@link #SERVER}, {@link #DEPLOY} and {@link #WEBSUB} are
 * mappings of their own, under {@code server:}, {@code deploy:} and {@code websub:}.
 */
enum Section {
    /** {@link SiteSettings}: what the site is called, where it lives, how its links and dates are written. */
    SITE(""),
    /** {@link FeedSettings}: what goes into each feed. */
    FEEDS(""),
    /** {@link PostSettings}: which files are posts and how their bodies are made whole. */
    POSTS(""),
    /** {@link ServerSettings}: defaults for {@code serve}. */
    SERVER("server"),
    /** {@link DeploySettings}: where {@code deploy} uploads the site. */
    DEPLOY("deploy"),
    /** {@link WebSubSettings}: the hubs advertised, and the limits of {@code serve}'s own hub. */
    WEBSUB("websub");

    private final String mapping;

    Section(String mapping) {
        this.mapping = mapping;
    }

    /** Whether the keys are written in a mapping of their own, named {@link #mapping()}. */
    public boolean isNested() {
        return !mapping.isEmpty();
    }

    /** The top-level key holding a nested section's keys; empty for a top-level section. */
    public String mapping() {
        return mapping;
    }

    /** What comes before a key's name where messages and the README name it: {@code server.} or nothing. */
    public String prefix() {
        return isNested() ? mapping + "." : "";
    }
}
