package se.vaxel.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.live.Snapshot;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.Staff;

/**
 * E4: someone who left keeps no live mailbox or extension in the organisation's name. One
 * finding per extension, naming the mailbox, the dialplan extension or both, so a baseline
 * knows one leftover by one key.
 */
final class VmOrphan implements Rule {

  @Override
  public String id() {
    return "VM-ORPHAN";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "a mailbox or dialplan extension belongs to nobody in staff.yaml (E4)";
  }

  @Override
  public List<Finding> check(CheckInput input) {
    Staff staff = input.staff();
    Snapshot snapshot = input.snapshot();
    AsteriskSettings ast = staff.asterisk();
    SortedSet<String> orphans = new TreeSet<>();
    snapshot.mailboxes().keySet().stream()
        .filter(ext -> staff.byExtension(ext).isEmpty()).forEach(orphans::add);
    snapshot.dialplanExtensions().stream()
        .filter(ext -> staff.byExtension(ext).isEmpty()).forEach(orphans::add);
    List<Finding> findings = new ArrayList<>();
    for (String ext : orphans) {
      VoicemailBox box = snapshot.mailboxes().get(ext);
      List<String> leftovers = new ArrayList<>();
      if (box != null) {
        leftovers.add("mailbox " + ext + "@" + ast.voicemailContext()
            + (box.fullName().isEmpty() ? "" : " (" + box.fullName() + ")"));
      }
      if (snapshot.dialplanExtensions().contains(ext)) {
        leftovers.add("dialplan extension " + ext + "@" + ast.dialplanContext());
      }
      findings.add(new Finding(id(), severity(), null, ext, String.join(" and ", leftovers)
          + (leftovers.size() == 1 ? " belongs" : " belong") + " to nobody in staff.yaml"));
    }
    return findings;
  }
}
