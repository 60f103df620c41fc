package se.vaxel.calendar.source;

import java.time.Duration;

/**
 * How much a source reads, and how many people at once.
 *
 * @param maxEvents the most events one person's calendar may hold (more: that person FAILED)
 * @param maxBytes the most bytes of iCalendar one person's calendar may take, all documents
 *     together (more: FAILED); also the cap of one HTTP response
 * @param concurrency how many people are read at the same time: enough to read 10,000 people
 *     in minutes, few enough not to overload a calendar server shared with everyone's clients
 */
public record Limits(int maxEvents, long maxBytes, int concurrency) {
  /** 5,000 events and 20 MB per person, 16 people at a time. */
  public static final Limits DEFAULT = new Limits(5_000, 20L * 1024 * 1024, 16);

  public Limits {
    if (maxEvents < 1 || maxBytes < 1 || concurrency < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxEvents + ", "
          + maxBytes + ", " + concurrency);
    }
  }

  /** The byte cap in words: "20 MB". */
  String bytesInWords() {
    if (maxBytes % (1024 * 1024) == 0) {
      return maxBytes / (1024 * 1024) + " MB";
    }
    if (maxBytes % 1024 == 0) {
      return maxBytes / 1024 + " kB";
    }
    return maxBytes + " bytes";
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
