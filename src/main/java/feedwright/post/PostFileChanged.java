package feedwright.post;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A post file found holding other bytes than the ones its post was loaded from, when its body was read at last
 * (a post the post cache vouched for by its size and time, {@link PostBody}): the file changed while the run
 * used it, or was changed keeping its size and time. The run fails, an input error, rather than publish the
 * post's feeds with another file's body or without the post.
 */
public final class PostFileChanged extends UncheckedIOException {

    private final String file;

    PostFileChanged(String file) {
        super(message(file), new IOException(message(file)));
        this.file = file;
    }

    /** The file, as problems name it ({@code posts/…}). */
    public String file() {
        return file;
    }

    private static String message(String file) {
        return file + " changed while it was being published (its body was to be read again); run again";
    }
}
