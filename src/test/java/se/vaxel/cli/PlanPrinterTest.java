package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.live.DialplanComparison;
import se.vaxel.pbx.Plan;

/** How plan and apply print several organisations, and a lone one as before. */
class PlanPrinterTest {
  private static final DialplanComparison.Result SAME = new DialplanComparison.Result(List.of(), 0);

  private static Plan plan(String org, List<Plan.FileChange> files,
      List<Plan.MailboxChange> boxes) {
    return new Plan(org, files, boxes, SAME, List.of(), List.of(), "sha256:" + org, "", List.of());
  }

  private static String print(List<Plan> plans) {
    StringWriter out = new StringWriter();
    new PlanPrinter(new PrintWriter(out, true), false).print(plans);
    return out.toString();
  }

  @Test
  void eachOrganisationUnderItsIdAndOneWithNothingToChangeInOneLine() {
    Plan alfa = plan("alfa", List.of(
        new Plan.FileChange("vaxel/voicemail.conf -> vaxel/alfa/voicemail.conf",
            Plan.Change.MOVE, 0, 0),
        new Plan.FileChange("vaxel/alfa/voicemail.conf", Plan.Change.UPDATE, 2, 1)),
        List.of(new Plan.MailboxChange("2201", Plan.MailboxDiff.ADD, "Per Närvarande")));
    Plan beta = plan("beta", List.of(), List.of());

    assertEquals(String.join("\n",
        "Organisation alfa:",
        "Files:",
        "  move    vaxel/voicemail.conf -> vaxel/alfa/voicemail.conf",
        "  update  vaxel/alfa/voicemail.conf (+2 -1 lines)",
        "Mailboxes: 1 to add, 0 to remove, 0 to change",
        "  + 2201  Per Närvarande",
        "Organisation beta: nothing to change (sha256:beta)",
        ""), print(List.of(alfa, beta)));
    assertEquals("alfa sha256:alfa, beta sha256:beta",
        PlanPrinter.fingerprints(List.of(alfa, beta)));
  }

  @Test
  void aLoneOrganisationPrintsAsBefore() {
    Plan alfa = plan("alfa", List.of(new Plan.FileChange("vaxel/alfa/extensions.conf",
        Plan.Change.CREATE, 10, 0)), List.of());
    assertEquals("Files:\n  create  vaxel/alfa/extensions.conf (+10 -0 lines)\n",
        print(List.of(alfa)));
    assertEquals("sha256:alfa", PlanPrinter.fingerprints(List.of(alfa)));
  }

  @Test
  void withDiffEachFilesUnifiedDiffFollowsTheListOfFiles() {
    List<String> diff = List.of("--- a/vaxel/alfa/voicemail.conf",
        "+++ b/vaxel/alfa/voicemail.conf", "@@ -1,1 +1,1 @@", "-2201 => ,Per,p@x.se",
        "+2201 => ,Per Närvarande,p@x.se");
    Plan alfa = plan("alfa", List.of(new Plan.FileChange("vaxel/alfa/voicemail.conf",
        Plan.Change.UPDATE, 1, 1, diff)), List.of());
    StringWriter out = new StringWriter();
    new PlanPrinter(new PrintWriter(out, true), false, true).print(List.of(alfa));
    assertEquals("Files:\n  update  vaxel/alfa/voicemail.conf (+1 -1 lines)\n"
        + String.join("\n", diff) + "\n", out.toString());
    assertEquals("Files:\n  update  vaxel/alfa/voicemail.conf (+1 -1 lines)\n",
        print(List.of(alfa)), "no diff unless asked for");
  }
}
