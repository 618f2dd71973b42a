package feedwright.config;

import java.util.Objects;

/**
 * How a post body written by a text generator is made whole before it is published. Such a generator
 * closes every chunk of text it writes with a marker line, may cut a sentence at a chunk's end and
 * restart or continue it in the next chunk, and on a retry repeats paragraphs it already wrote.
 *
 * @param endMarker   the line that closes a chunk; empty when bodies have no markers
 * @param markerMode  what a marker line means: a chunk boundary to join across, or the end of the body
 * @param dropRepeats whether a paragraph repeating an earlier one of the same post word for word is left out
 */
public record BodyRules(String endMarker, MarkerMode markerMode, boolean dropRepeats) {

    public BodyRules {
        Objects.requireNonNull(endMarker, "endMarker");
        Objects.requireNonNull(markerMode, "markerMode");
    }

    public boolean hasMarker() {
        return !endMarker.isEmpty();
    }

    /** The meaning of an end-marker line. */
    public enum MarkerMode {
        /** Every chunk is published: markers are removed and the chunks joined. */
        JOIN,
        /** Only the text before the first marker is published. */
        CUT
    }
}
