package feedwright.config;

/**
 * How an entry's id is made when the post names none ({@code id_scheme} in site.yml). A reader keys what it
 * has seen by id, so a site keeps one scheme for good: changing it makes every entry new to every subscriber.
 */
public enum IdScheme {
    /** An RFC 4151 tag URI of the host, the publication day and the post's file: survives a new permalink. */
    TAG,
    /**
     * What jekyll-feed 0.17 writes: the absolute URL of Jekyll's post id (the folder of the post's URL, then
     * its slug), so a site that published with jekyll-feed keeps every id its subscribers have seen.
     */
    JEKYLL_FEED,
    /** The post's absolute URL, as Hugo, Zola and Astro write it: changes when the permalink does. */
    PERMALINK
}
