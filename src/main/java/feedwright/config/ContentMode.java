package feedwright.config;

/** Whether feed entries carry the whole post body or only its summary. */
public enum ContentMode {
    FULL, SUMMARY
}
