package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The staff and planned contexts split into included parts of 1,000 (model.DialplanContexts),
 * on the real Asterisk 22: the five people of ItStaff (2201-2205, in the first parts) and 2,100
 * more from 30001, all away with per.present (2201) as alternate except the last one, so the
 * staff context has three parts and the planned context three. Calls still go to the base
 * context and reach a person in the last part through {@code include =>}.
 */
class DialplanPartsIT {
  private static final Duration RING = Duration.ofSeconds(10);
  private static final int MORE = 2100;
  /** In vaxel-it-staff-p0003 and, with an absence, in vaxel-it-staff-planned-p0003. */
  private static final String LAST_AWAY = Integer.toString(30000 + MORE - 1);
  /** In vaxel-it-staff-p0003, present. */
  private static final String LAST_PRESENT = Integer.toString(30000 + MORE);

  @TempDir static Path dir;
  static Pbx pbx;
  static Pbx.Run firstApply;

  static String yaml(boolean hints) {
    LocalDate today = LocalDate.now(ItStaff.ZONE);
    StringBuilder yaml = new StringBuilder(ItStaff.yaml().replace("  ring-timeout: 5\n",
        "  ring-timeout: 5\n" + (hints ? "" : "  hints: false\n")));
    for (int i = 1; i <= MORE; i++) {
      yaml.append("  - {id: m").append(i).append(", first-name: M, last-name: N")
          .append(", extension: \"").append(30000 + i).append("\", email: m").append(i)
          .append("@testby.se");
      if (i < MORE) {
        yaml.append(", absences: [{from: ").append(today.minusDays(1)).append(", until: ")
            .append(today.plusDays(3)).append(", reason: semester, alternate: per.present}]");
      }
      yaml.append("}\n");
    }
    return yaml.toString();
  }

  static String etc() {
    return pbx.sandbox().etc().toString();
  }

  @BeforeAll
  static void applyTwoThousandPeople() throws IOException {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    Path staff = ItStaff.write(dir, yaml(true));
    firstApply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
  }

  @Test
  void applyLoadsAndVerifiesEveryPart() {
    assertEquals(0, firstApply.code(), firstApply.out() + firstApply.err());
    assertTrue(firstApply.out().contains("reloaded and verified"), firstApply.out());
    try (AmiClient ami = pbx.connect()) {
      List<String> staffIncludes = ami.showDialplan(ItStaff.CONTEXT).stream()
          .filter(e -> e.priority() == DialplanEntry.INCLUDE).map(DialplanEntry::application)
          .toList();
      assertEquals(List.of("vaxel-it-staff-p0001", "vaxel-it-staff-p0002",
          "vaxel-it-staff-p0003"), staffIncludes);
      assertEquals(4 * 105, ami.showDialplan("vaxel-it-staff-p0003").size(),
          "105 people, each with three priorities (the call, its hangup, the id the phone "
              + "codes ask for) and a hint");
      assertTrue(ami.showDialplan("vaxel-it-staff-planned-p0003").stream()
          .anyMatch(e -> e.extension().equals(LAST_AWAY)));
    }
  }

  @Test
  void aCallIntoTheBaseContextReachesAPersonInTheLastPart() {
    assertEquals(LAST_PRESENT, pbx.call(ItStaff.CONTEXT, LAST_PRESENT, RING));
  }

  @Test
  void anAbsenceInTheLastPlannedPartRoutesToTheAlternateInTheFirst() {
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, LAST_AWAY, RING));
  }

  @Test
  void peopleInTheFirstPartsAreRoutedAsBefore() {
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2202", RING));
    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2203", RING));
  }

  @Test
  void withoutHintsTheSameRoutingIsAppliedAndVerifiedAndNoHintIsLeft() throws IOException {
    Path noHints = ItStaff.write(java.nio.file.Files.createTempDirectory(dir, "nohints"),
        yaml(false));
    Path hints = ItStaff.write(java.nio.file.Files.createTempDirectory(dir, "hints"), yaml(true));
    try {
      Pbx.Run run = pbx.vaxel("apply", "-f", noHints.toString(), "--asterisk-conf-dir", etc());
      assertEquals(0, run.code(), run.out() + run.err());
      assertTrue(run.out().contains("reloaded and verified"), run.out());
      try (AmiClient ami = pbx.connect()) {
        assertEquals(0, ami.showDialplan().stream()
            .filter(e -> e.context().startsWith(ItStaff.CONTEXT) && e.isHint()).count());
      }
      assertEquals(LAST_PRESENT, pbx.call(ItStaff.CONTEXT, LAST_PRESENT, RING));
      assertEquals("2201", pbx.call(ItStaff.CONTEXT, LAST_AWAY, RING));
      // The hints are compared too: the file with hints is a change.
      Pbx.Run plan = pbx.vaxel("plan", "-f", hints.toString(), "--asterisk-conf-dir", etc());
      assertEquals(1, plan.code(), plan.out() + plan.err());
      assertTrue(plan.out().contains(",hint"), plan.out());
    } finally {
      Pbx.Run back = pbx.vaxel("apply", "-f", hints.toString(), "--asterisk-conf-dir", etc());
      assertEquals(0, back.code(), back.out() + back.err());
    }
  }
}
