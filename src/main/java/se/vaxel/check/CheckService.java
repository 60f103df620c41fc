package se.vaxel.check;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.vaxel.ami.AmiClient;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.compliance.CheckInput;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Compliance;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.Snapshot;
import se.vaxel.live.SnapshotReader;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

/**
 * {@code vaxel check}: reads the live PBX once and judges it by every rule.
 */
public final class CheckService {

  /** @param roundTrips AMI actions the whole check sent, login included */
  public record Outcome(CheckResult result, long roundTrips) {}

  private final Clock clock;
  private final SnapshotReader.ProbeTimeouts probe;

  public CheckService(Clock clock, SnapshotReader.ProbeTimeouts probe) {
    this.clock = clock;
    this.probe = probe;
  }

  /**
   * @param generated the dialplan the current staff.yaml generates
   * @param pbx the AMI address, as reports name it
   */
  public Outcome check(Staff staff, GeneratedDialplan generated, AmiClient ami, String pbx) {
    SnapshotReader reader = new SnapshotReader(ami, pbx, staff.asterisk(), clock, probe);
    Snapshot snapshot = withUnprobedMailboxes(staff, reader.read());
    CheckResult result = new Compliance().run(new CheckInput(staff, snapshot, clock.instant(),
        new WorkingDays(), generated));
    return new Outcome(result, reader.roundTrips());
  }

  /**
   * The greeting rules stay silent for a mailbox the probe did not report (a stale dialplan's
   * probe knows only yesterday's people); say so, so the run cannot pass as compliant.
   */
  private static Snapshot withUnprobedMailboxes(Staff staff, Snapshot s) {
    if (s.greetings().isEmpty()) {
      return s;
    }
    Map<String, Snapshot.Greeting> greetings = s.greetings().get();
    List<String> missing = staff.people().stream()
        .filter(Person::hasExtension)
        .map(Person::extension)
        .filter(ext -> s.mailboxes().containsKey(ext) && !greetings.containsKey(ext))
        .toList();
    if (missing.isEmpty()) {
      return s;
    }
    List<String> incomplete = new ArrayList<>(s.incomplete());
    incomplete.add("greetings: the loaded probe does not know " + missing.size()
        + " mailbox(es) (" + String.join(", ", missing.stream().limit(10).toList())
        + (missing.size() > 10 ? ", ..." : "") + "): the dialplan is older than staff.yaml");
    return new Snapshot(s.takenAt(), s.pbx(), s.mailboxes(), s.fingerprint(), s.dialplan(),
        s.dialplanExtensions(), s.routing(), s.overrides(), s.greetings(), s.endpoints(),
        incomplete);
  }
}
