package se.vaxel.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.live.Snapshot.Greeting;
import se.vaxel.model.DialplanContexts;

/**
 * Asks Asterisk itself which recordings each mailbox has. AMI may not STAT files, but dialplan
 * that Asterisk runs may: the generated probe context writes "UT|M" per mailbox into AstDB
 * family {@value DialplanContexts#PROBE_FAMILY}, then this run's token under {@value #DONE_KEY}.
 * The token tells this run's results from a previous (or a concurrent) run's.
 *
 * <p>Round trips: Getvar (is the probe context loaded), DBDelTree, Originate, one DBGet per poll,
 * DBGetTree. The polls are bounded by time (timeout / interval), never by the number of
 * mailboxes: the probe runs inside Asterisk and reports once.
 */
final class GreetingProbe {
  static final String DONE_KEY = "done";
  static final String TOKEN_VARIABLE = "VAXEL_PROBE";

  /** U and T (0 or 1), then the epoch mtime of INBOX/msg0000.txt, "0" when there is none. */
  private static final Pattern RESULT = Pattern.compile("^([01])([01])\\|(\\d{0,18})$");

  /** The greetings found, or empty with the reason the probe could not run. */
  record Outcome(Optional<Map<String, Greeting>> greetings, List<String> problems) {
    Outcome {
      problems = List.copyOf(problems);
    }

    static Outcome failed(String reason) {
      return new Outcome(Optional.empty(), List.of("greetings: " + reason));
    }
  }

  private final AmiClient ami;
  private final String context;
  private final SnapshotReader.ProbeTimeouts timeouts;

  GreetingProbe(AmiClient ami, String context, SnapshotReader.ProbeTimeouts timeouts) {
    this.ami = ami;
    this.context = context;
    this.timeouts = timeouts;
  }

  /**
   * Runs the probe. An action Asterisk refuses ("Permission denied" for a read-only AMI user)
   * becomes the outcome's problem; a PBX that stops answering is thrown.
   */
  Outcome run() {
    try {
      // An asynchronous Originate into a missing context is "queued" all the same and fails
      // silently later, so ask first instead of waiting out the timeout.
      if (!ami.getvar("DIALPLAN_EXISTS(" + context + ",s,1)").orElse("").equals("1")) {
        return Outcome.failed("the probe context " + context + " is not loaded (apply the "
            + "dialplan this vaxel generates)");
      }
      ami.dbDelTree(DialplanContexts.PROBE_FAMILY);
      String token = UUID.randomUUID().toString();
      // The answer timeout bounds the probe's channel: it is hung up, probe and all, when the
      // timeout passes, so it must last as long as we are prepared to wait.
      ami.originate("Local/s@" + context, "Wait", "1", Map.of(TOKEN_VARIABLE, token),
          timeouts.timeout());
      if (!awaitDone(token)) {
        return Outcome.failed("the probe in " + context + " did not finish within "
            + seconds(timeouts.timeout()));
      }
      return parse(ami.dbGetTree(DialplanContexts.PROBE_FAMILY));
    } catch (AmiException e) {
      if (e.kind() != AmiException.Kind.ACTION_FAILED) {
        throw e;
      }
      boolean denied = e.getMessage().contains("Permission denied");
      return Outcome.failed(e.getMessage() + (denied
          ? " (the greeting probe needs an AMI user with write=system,originate)" : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed("interrupted while waiting for the probe");
    }
  }

  private boolean awaitDone(String token) throws InterruptedException {
    long deadline = System.nanoTime() + timeouts.timeout().toNanos();
    while (true) {
      Thread.sleep(timeouts.pollInterval().toMillis());
      if (ami.dbGet(DialplanContexts.PROBE_FAMILY, DONE_KEY).filter(token::equals).isPresent()) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
    }
  }

  /** The probe's AstDB family as greetings per mailbox; unreadable values are problems. */
  static Outcome parse(Map<String, String> tree) {
    Map<String, Greeting> greetings = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    tree.forEach((mailbox, value) -> {
      if (mailbox.equals(DONE_KEY)) {
        return;
      }
      Matcher m = RESULT.matcher(value.strip());
      if (!m.matches()) {
        problems.add("greetings: mailbox " + mailbox + ": unreadable probe result '" + value
            + "'");
        return;
      }
      long mtime = m.group(3).isEmpty() ? 0 : Long.parseLong(m.group(3));
      greetings.put(mailbox, new Greeting(m.group(1).equals("1"), m.group(2).equals("1"),
          mtime == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(mtime))));
    });
    return new Outcome(Optional.of(Map.copyOf(greetings)), problems);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }
}
