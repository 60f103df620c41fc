package se.vaxel.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What vaxel sees of one client's AMI lines, below the library: the login phase, the raw
 * accounting of every list read, and the brake that keeps the library's event queue from
 * overflowing. {@link #observe} runs on the library's reader thread, before the library parses
 * the line.
 *
 * <p>Why raw lines: Asterisk drops the rest of a message it cannot write in time and goes on
 * with the next one (docs/ami.md), so a reader sees the head of one message glued to the next.
 * The library then merges both into one map, logs a ClassCastException for a repeated header or
 * none at all, and drops the message without a trace. Here every message is checked: it must
 * start with Event or Response and carry Event, Response and ActionID at most once.
 *
 * <p>Why the brake: the library parses on its reader thread and queues each event for its
 * dispatch thread in a queue of 20,000 that drops, with only a log line, when full. The reader
 * is held back here while more than {@code maxPumpLag} events are queued; the lines wait in
 * {@link DrainedSocket}'s buffer instead, where nothing is dropped.
 */
final class AmiWire {

  /** Half the library's event queue (AsyncEventPump, 20,000). */
  static final int MAX_PUMP_LAG = 10_000;

  /**
   * Entries one list read may return: ten times a VoicemailUsersList of 50,000 mailboxes, twice
   * the largest dialplan context vaxel reads for 50,000 people (about five lines a person). More
   * is a misbehaving peer, and the read stops before the heap fills.
   */
  static final int MAX_LIST_ENTRIES = 500_000;

  /** An event that leaves the queue within this long proves the queue is moving. */
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The peer sent more than vaxel holds in memory. */
  static final class Overflow extends IOException {
    Overflow(String message) {
      super(message);
    }
  }

  private final int maxPumpLag;
  private final int maxListEntries;
  private final Map<String, ListRead> reads = new ConcurrentHashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong tokens = new AtomicLong();
  private volatile boolean connected;
  private volatile boolean greeted;
  private volatile String beforeGreeting;
  private volatile String failure;

  // Reader-thread state: the message being read, and the events handed to the library.
  private int lines;
  private String firstLine;
  private int eventHeaders;
  private int responseHeaders;
  private final List<String> actionIds = new ArrayList<>(2);
  private String eventName;
  private boolean completeMarker;
  private Integer listItems;
  private final Set<String> keys = new HashSet<>();
  private boolean repeatedKey;
  private long handed;
  private long undelivered;

  AmiWire() {
    this(MAX_PUMP_LAG, MAX_LIST_ENTRIES);
  }

  AmiWire(int maxPumpLag, int maxListEntries) {
    this.maxPumpLag = maxPumpLag;
    this.maxListEntries = maxListEntries;
  }

  /** A new socket: whatever message the last one cut off is gone with it. */
  void connected() {
    connected = true;
    resetMessage();
  }

  /** Whether a TCP connection was made (for telling a connect timeout from a silent server). */
  boolean isConnected() {
    return connected;
  }

  /** Whether the AMI greeting ("Asterisk Call Manager/...") arrived. */
  boolean isGreeted() {
    return greeted;
  }

  /** The first line that came instead of the greeting, or null if none. */
  String beforeGreeting() {
    return beforeGreeting;
  }

  /** Why the connection was given up on, when the peer sent more than vaxel buffers. */
  String failure() {
    return failure;
  }

  void fail(String reason) {
    failure = reason;
  }

  /** Called on the library's dispatch thread for every event it delivers. */
  void delivered() {
    delivered.incrementAndGet();
  }

  /**
   * Starts the raw accounting of one list read; the caller sends the action with the returned
   * read's {@link ListRead#actionId()} and must {@link #end} it.
   */
  ListRead begin() {
    ListRead read = new ListRead("vaxel-list-" + tokens.incrementAndGet(), Thread.currentThread());
    reads.put(read.actionId(), read);
    return read;
  }

  void end(ListRead read) {
    reads.remove(read.actionId());
    read.finish();
  }

  void observe(String line) {
    if (line.isEmpty()) {
      endMessage();
      return;
    }
    if (lines == 0 && line.startsWith("Asterisk Call Manager/")) {
      // The greeting is one line without the empty line that ends a message.
      greeted = true;
      return;
    }
    if (!greeted && beforeGreeting == null) {
      // Another service's first words (an HTTP or SSH banner) say what listens there.
      beforeGreeting = line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
    if (++lines == 1) {
      firstLine = line;
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return;
    }
    String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    repeatedKey |= !keys.add(name);
    switch (name) {
      case "event" -> {
        eventHeaders++;
        eventName = line.substring(colon + 1).strip();
      }
      case "response" -> responseHeaders++;
      case "actionid" -> actionIds.add(line.substring(colon + 1).strip());
      case "eventlist" ->
          completeMarker |= line.substring(colon + 1).strip().equalsIgnoreCase("Complete");
      case "listitems" -> listItems = number(line.substring(colon + 1).strip());
      default -> {}
    }
  }

  private void endMessage() {
    if (lines == 0) {
      return;
    }
    // Anybody's message must start with Event or Response and carry it and ActionID once.
    boolean wellFormed =
        startsWithHeader(firstLine)
            && eventHeaders + responseHeaders == 1
            && actionIds.size() <= 1;
    boolean completeEvent =
        eventName != null && eventName.toLowerCase(Locale.ROOT).endsWith("complete");
    boolean complete = completeMarker || completeEvent;
    // A glued message may carry one list's ActionID twice: count it once.
    Collection<ListRead> targets = new LinkedHashSet<>(1);
    for (String actionId : actionIds) {
      ListRead read = reads.get(actionId.substring(actionId.indexOf('#') + 1));
      if (read != null) {
        targets.add(read);
      }
    }
    if (wellFormed && eventHeaders == 1) {
      handed++;
    }
    // A list entry repeats no header: a repeat is the head of one entry whose tail was dropped,
    // glued to the tail of the next whose head was (Asterisk writes an entry in several parts).
    // Other messages may repeat headers (UserEvents, PresenceState's Message).
    // Nor does an entry carry "EventList: Complete", which only the Complete event has.
    boolean mixed = repeatedKey || completeMarker != completeEvent;
    if (wellFormed && !(mixed && !targets.isEmpty())) {
      if (eventHeaders == 1) {
        for (ListRead read : targets) {
          if (complete) {
            read.complete(listItems);
          } else {
            read.entry(maxListEntries);
          }
        }
      }
    } else {
      // A message that cannot be told apart may have been anybody's: every list in flight is
      // suspect.
      for (ListRead read : targets.isEmpty() ? List.copyOf(reads.values()) : targets) {
        read.corrupt(complete && !targets.isEmpty());
      }
    }
    resetMessage();
    brake();
  }

  private void resetMessage() {
    lines = 0;
    firstLine = null;
    eventHeaders = 0;
    responseHeaders = 0;
    actionIds.clear();
    eventName = null;
    completeMarker = false;
    listItems = null;
    keys.clear();
    repeatedKey = false;
  }

  /**
   * Holds the library's reader while its queue is long. Events the library does not deliver
   * (types it has no class for, messages it cannot build) would keep the count high for ever,
   * so a queue that delivers nothing for a while counts as empty.
   */
  private void brake() {
    if (handed - undelivered - delivered.get() <= maxPumpLag) {
      return;
    }
    long seen = delivered.get();
    long since = System.nanoTime();
    while (handed - undelivered - delivered.get() > maxPumpLag) {
      LockSupport.parkNanos(200_000);
      long now = delivered.get();
      if (now != seen) {
        seen = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since > STALL_NANOS) {
        undelivered = handed - now;
        return;
      }
    }
  }

  private static boolean startsWithHeader(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    return lower.startsWith("event:") || lower.startsWith("response:");
  }

  private static Integer number(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The raw account of one list read. Updated on the reader thread, read by the caller once the
   * library has answered (its answer passes through the library's threads, which orders it).
   */
  static final class ListRead {
    private final String actionId;
    private final Thread caller;
    private int entries;
    private long lastEntryNanos;
    private int corrupt;
    private boolean completeSeen;
    private boolean completeGlued;
    private Integer listItems;
    private boolean overflow;
    private int cap;
    private boolean aborted;
    private boolean finished;

    ListRead(String actionId, Thread caller) {
      this.actionId = actionId;
      this.caller = caller;
    }

    String actionId() {
      return actionId;
    }

    synchronized void entry(int max) {
      lastEntryNanos = System.nanoTime();
      if (++entries > max && !overflow) {
        overflow = true;
        cap = max;
        abort();
      }
    }

    synchronized void complete(Integer items) {
      completeSeen = true;
      listItems = items;
    }

    /** A malformed message; {@code wasComplete}: it held this list's Complete event. */
    synchronized void corrupt(boolean wasComplete) {
      corrupt++;
      if (wasComplete) {
        // The library will never see the end of this list: stop waiting for it now.
        completeGlued = true;
        abort();
      }
    }

    /** Wakes the caller out of the library's wait, which then returns what it has. */
    private void abort() {
      if (!finished) {
        aborted = true;
        caller.interrupt();
      }
    }

    private synchronized void finish() {
      finished = true;
      if (aborted) {
        // The interrupt was for the library's wait; it must not leak into the caller's code.
        Thread.interrupted();
      }
    }

    synchronized boolean aborted() {
      return aborted;
    }

    /** Whether a message of (or possibly of) this list arrived cut off or glued. */
    synchronized boolean glued() {
      return corrupt > 0;
    }

    /**
     * Whether entries came and then stopped for {@code quiet} before the list ended: its
     * Complete event was lost on the way, unlike a long list still streaming at the deadline.
     */
    synchronized boolean stalled(Duration quiet) {
      return entries > 0 && !completeSeen && System.nanoTime() - lastEntryNanos > quiet.toNanos();
    }

    synchronized boolean overflow() {
      return overflow;
    }

    /** The entry cap this list went past. */
    synchronized int cap() {
      return cap;
    }

    /** Whether anything of this list was seen on the wire: entries, its end, or garbage. */
    synchronized boolean sawAny() {
      return entries > 0 || corrupt > 0 || completeSeen;
    }

    /**
     * What is missing, given the Complete event the library delivered (null when it did not)
     * and the entries it delivered; empty when the list is provably whole.
     */
    synchronized Optional<Shortfall> shortfall(
        boolean libraryComplete, Integer libraryListItems, int libraryEntries) {
      Integer expected = libraryListItems != null ? libraryListItems : listItems;
      boolean completeLost = !libraryComplete || completeGlued;
      boolean whole =
          !completeLost
              && expected != null
              && corrupt == 0
              && libraryEntries == expected
              && (!completeSeen || entries == expected);
      if (whole) {
        return Optional.empty();
      }
      int received = completeSeen || entries > 0 ? Math.min(entries, libraryEntries) : libraryEntries;
      return Optional.of(new Shortfall(received, expected, corrupt, completeLost));
    }
  }

  /**
   * How a list read fell short.
   *
   * @param received the entries that arrived intact
   * @param expected the ListItems of its Complete event; null when that never arrived
   * @param glued the messages that arrived glued to another or cut off
   * @param completeLost whether the Complete event that ends the list was lost
   */
  record Shortfall(int received, Integer expected, int glued, boolean completeLost) {}
}
