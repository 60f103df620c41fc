package se.vaxel.output;

/** What writing an output tree did, for the summary line and for tests. */
public record WriteResult(int written, int unchanged, int removed) {}
