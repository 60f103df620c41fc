package se.vaxel.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.live.Snapshot.Greeting;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.ProbeFormat;

/**
 * Asks Asterisk itself which recordings each mailbox has. AMI may not STAT files, but dialplan
 * that Asterisk runs may: the generated probe context checks its mailboxes in batches and leaves
 * the results in AstDB, in the format of {@link ProbeFormat} (which decodes them).
 * With announcements on, the same run also finds which announcement files exist (the live
 * overrides' and the planned windows'), for ANNOUNCEMENT-MISSING, without another round trip.
 *
 * <p>Round trips: DBDelTree, Originate, one DBGet of the progress key per poll, DBGetTree.
 * Whether the probe context is loaded comes from the ShowDialPlan the snapshot reads anyway.
 * The polls back off from {@code pollInterval} to {@link #MAX_POLL_INTERVAL}, so a probe of a
 * few seconds costs about ten, however many mailboxes. The wait ends when the probe is done, or when its progress has not moved for
 * {@code stall}: a slow but advancing probe (a busy PBX, 50,000 mailboxes) is waited for, a
 * stuck one is not. The sound batches after the mailboxes advance the progress too (its
 * {@code TOKEN N S} form), so many windows' files do not make an advancing probe look stuck.
 */
final class GreetingProbe {
  /** The longest pause between two polls: how late a finished probe may be noticed. */
  static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);

  /** The greetings found, or empty with the reason the probe could not run. */
  record Outcome(Optional<Map<String, Greeting>> greetings,
      Optional<Snapshot.Announcements> announcements, List<String> problems, Duration took) {
    Outcome {
      problems = List.copyOf(problems);
    }

    static Outcome failed(String reason, Duration took) {
      return new Outcome(Optional.empty(), Optional.empty(), List.of("greetings: " + reason),
          took);
    }
  }

  private final AmiClient ami;
  private final String context;
  private final String family;
  private final boolean loaded;
  private final SnapshotReader.ProbeTimeouts timeouts;
  private final int mailboxes;

  /**
   * @param loaded whether the probe context's {@code s,1} is in the dialplan Asterisk listed
   * @param mailboxes about how many mailboxes the probe checks (bounds its channel's life)
   */
  GreetingProbe(AmiClient ami, DialplanContexts contexts, boolean loaded,
      SnapshotReader.ProbeTimeouts timeouts, int mailboxes) {
    this.ami = ami;
    this.context = contexts.probe();
    this.family = contexts.probeFamily();
    this.loaded = loaded;
    this.timeouts = timeouts;
    this.mailboxes = mailboxes;
  }

  /**
   * Runs the probe. An action Asterisk refuses ("Permission denied" for a read-only AMI user)
   * becomes the outcome's problem; a PBX that stops answering is thrown.
   */
  Outcome run() {
    long start = System.nanoTime();
    try {
      // An asynchronous Originate into a missing context is "queued" all the same and fails
      // silently later, so look first instead of waiting out the timeout.
      if (!loaded) {
        return Outcome.failed("the probe context " + context + " is not loaded (apply the "
            + "dialplan this vaxel generates)", since(start));
      }
      ami.dbDelTree(family);
      String token = UUID.randomUUID().toString();
      // The answer timeout is the life of the probe's channel: Asterisk hangs it up, probe and
      // all, when it passes. So it is the worst case of a probe that advances just before each
      // stall, and only matters for a probe we gave up on.
      Duration channelLife = timeouts.stall().multipliedBy(
          2 + (mailboxes + ProbeFormat.BATCH - 1) / ProbeFormat.BATCH);
      ami.originate("Local/s@" + context, "Wait", "1",
          Map.of(ProbeFormat.TOKEN_VARIABLE, token), channelLife);
      Optional<ProbeFormat.Progress> done = awaitDone(token);
      if (done.isEmpty() || !done.get().done()) {
        return Outcome.failed("the probe in " + context + " "
            + done.map(this::whereItStopped).orElse("did not start")
            + ": no progress for " + seconds(timeouts.stall()), since(start));
      }
      // A probe that looks for announcement files says how many batches of them it wrote.
      Map<String, String> tree = ami.dbGetTree(family);
      ProbeFormat.Decoded decoded = done.get().sounds().isPresent()
          ? ProbeFormat.decode(tree, token, done.get().batches(), done.get().sounds().get())
          : ProbeFormat.decode(tree, token, done.get().batches());
      return outcome(decoded, since(start));
    } catch (AmiException e) {
      if (e.kind() != AmiException.Kind.ACTION_FAILED) {
        throw e;
      }
      boolean denied = e.getMessage().contains("Permission denied");
      return Outcome.failed(e.getMessage() + (denied
          ? " (the greeting probe needs an AMI user with write=system,originate)" : ""),
          since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed("interrupted while waiting for the probe", since(start));
    }
  }

  /**
   * Polls the progress key, backing off, until the probe is done or has not advanced for the
   * stall time; the last progress seen, empty when the probe never started.
   */
  private Optional<ProbeFormat.Progress> awaitDone(String token) throws InterruptedException {
    Optional<ProbeFormat.Progress> last = Optional.empty();
    long lastMove = System.nanoTime();
    long pause = timeouts.pollInterval().toMillis();
    while (true) {
      Thread.sleep(pause);
      pause = Math.min(pause * 2, MAX_POLL_INTERVAL.toMillis());
      Optional<ProbeFormat.Progress> now = ProbeFormat.progress(
          ami.dbGet(family, ProbeFormat.PROGRESS_KEY), token);
      if (now.isPresent() && now.get().done()) {
        return now;
      }
      if (!now.equals(last)) {
        last = now;
        lastMove = System.nanoTime();
      } else if (System.nanoTime() - lastMove >= timeouts.stall().toNanos()) {
        return last;
      }
    }
  }

  /** Where a probe that stopped advancing was: in its mailboxes, or in the sound batches after. */
  private String whereItStopped(ProbeFormat.Progress p) {
    return p.sounds()
        .map(sounds -> "stopped after sound batch " + sounds + ", its " + p.batches()
            + " mailbox batches done")
        .orElse("stopped after batch " + p.batches() + " of about "
            + (mailboxes + ProbeFormat.BATCH - 1) / ProbeFormat.BATCH);
  }

  static Outcome outcome(ProbeFormat.Decoded decoded, Duration took) {
    Map<String, Greeting> greetings = new TreeMap<>();
    decoded.results().forEach((mailbox, r) -> greetings.put(mailbox, new Greeting(
        r.unavailable(), r.temporary(), r.oldestUnheard() == 0 ? Optional.empty()
            : Optional.of(Instant.ofEpochSecond(r.oldestUnheard())))));
    List<String> problems = new ArrayList<>();
    decoded.problems().forEach(p -> problems.add("greetings: the probe's results: " + p));
    Optional<Snapshot.Announcements> announcements = decoded.sounds().map(files -> {
      Map<String, Boolean> overrides = new TreeMap<>();
      Map<String, Boolean> variants = new TreeMap<>();
      decoded.results().forEach((mailbox, r) -> {
        r.announcement().ifPresent(found -> overrides.put(mailbox, found));
        r.switchboardAnnouncement().ifPresent(found -> variants.put(mailbox, found));
      });
      return new Snapshot.Announcements(files, overrides, variants);
    });
    return new Outcome(Optional.of(Map.copyOf(greetings)), announcements, problems, took);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }
}
