// AmiCompleteness: how often a large VoicemailUsersList arrives whole, for bench/ami-completeness.sh.
//
// Usage (the JDK's source launcher, with vaxel's classes and dependencies on the class path):
//   java -cp CLASSPATH bench/AmiCompleteness.java MODE HOST PORT USER SECRET_FILE EXPECTED RUNS
//
// MODE "before": Asterisk-Java as vaxel used it before issue 8 (the library's own socket and
//   reader, VoicemailUsersListAction): a read is whole when the Complete event arrived and the
//   library delivered EXPECTED entries.
// MODE "after": vaxel's AmiClient (drained socket, raw audit, one retry): "first" counts reads
//   that were whole on the first try (one round trip), "retried" those proven whole on the
//   second, "incomplete" those that ended in AmiIncompleteException.
// Asterisk hangs up an AMI session after a write that timed out; both modes wait for the
// library's reconnect (or reconnect themselves) before the next run.
// Prints one line per run and a summary line starting with "RESULT".

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.VoicemailUsersListAction;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.event.VoicemailUserEntryCompleteEvent;
import org.asteriskjava.manager.event.VoicemailUserEntryEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.AmiIncompleteException;
import se.vaxel.ami.AmiSettings;

public final class AmiCompleteness {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    String user = args[3];
    String secret = Files.readString(Path.of(args[4])).strip();
    int expected = Integer.parseInt(args[5]);
    int runs = Integer.parseInt(args[6]);
    if (mode.equals("before")) {
      before(host, port, user, secret, expected, runs);
    } else {
      after(host, port, user, secret, expected, runs);
    }
  }

  private static void before(String host, int port, String user, String secret, int expected,
      int runs) throws Exception {
    ManagerConnectionImpl connection = new ManagerConnectionImpl();
    connection.setHostname(host);
    connection.setPort(port);
    connection.setUsername(user);
    connection.setPassword(secret);
    connection.setDefaultResponseTimeout(10_000);
    connection.login("off");
    int whole = 0;
    List<Integer> counts = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      awaitConnected(connection);
      long start = System.nanoTime();
      int entries = 0;
      boolean complete = false;
      try {
        ResponseEvents answer =
            connection.sendEventGeneratingAction(new VoicemailUsersListAction(), 120_000);
        for (ResponseEvent event : answer.getEvents()) {
          entries += event instanceof VoicemailUserEntryEvent ? 1 : 0;
          complete |= event instanceof VoicemailUserEntryCompleteEvent;
        }
      } catch (EventTimeoutException e) {
        for (ResponseEvent event : e.getPartialResult().getEvents()) {
          entries += event instanceof VoicemailUserEntryEvent ? 1 : 0;
        }
      } catch (IllegalStateException e) {
        // Reconnecting: counts as a read that did not arrive.
      }
      boolean ok = complete && entries == expected;
      whole += ok ? 1 : 0;
      counts.add(entries);
      System.out.printf("before %s run %d: %d of %d entries, complete=%s, %d ms%n", user, run,
          entries, expected, complete, (System.nanoTime() - start) / 1_000_000);
    }
    connection.logoff();
    Collections.sort(counts);
    System.out.printf("RESULT before %s: whole %d/%d (entries min %d, median %d)%n", user, whole,
        runs, counts.get(0), counts.get(counts.size() / 2));
  }

  private static void awaitConnected(ManagerConnectionImpl connection) throws InterruptedException {
    for (int i = 0; i < 300 && connection.getState() != ManagerConnectionState.CONNECTED; i++) {
      Thread.sleep(50);
    }
  }

  private static void after(String host, int port, String user, String secret, int expected,
      int runs) {
    AmiSettings settings = AmiSettings.of(host, port, user, secret)
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120));
    AmiClient client = AmiConnector.connect(settings);
    int first = 0;
    int retried = 0;
    int incomplete = 0;
    int other = 0;
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      long trips = client.roundTrips();
      String outcome;
      try {
        int entries = client.voicemailUsers().size();
        if (entries != expected) {
          throw new IllegalStateException("whole but " + entries + " of " + expected);
        }
        boolean once = client.roundTrips() - trips == 1;
        first += once ? 1 : 0;
        retried += once ? 0 : 1;
        outcome = once ? "whole" : "whole on the second read";
      } catch (AmiIncompleteException e) {
        incomplete++;
        outcome = "incomplete: " + e.getMessage().replaceAll(", so nothing.*", "");
      } catch (AmiException e) {
        other++;
        outcome = "failed: " + e.getMessage();
        client.close();
        client = AmiConnector.connect(settings);
      }
      System.out.printf("after %s run %d: %s, %d ms%n", user, run, outcome,
          (System.nanoTime() - start) / 1_000_000);
    }
    client.close();
    System.out.printf(
        "RESULT after %s: whole on the first read %d/%d, on the second %d, incomplete %d,"
            + " other failures %d%n", user, first, runs, retried, incomplete, other);
  }
}
