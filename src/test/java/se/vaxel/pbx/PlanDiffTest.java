package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.staff.StaffException;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;

/**
 * {@code vaxel plan --diff}: after staff.yaml changed, the plan carries a real unified diff of
 * each file apply would write, its counts are that diff's, and no PIN of the PBX's own
 * voicemail.conf (which apply adds its include to) is in it.
 */
class PlanDiffTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String PIN = "4711";
  /** The PBX's own voicemail.conf, with a mailbox of its own that has a PIN. */
  private static final String MAIN_VM = "[general]\npasswordlocation=spooldir\nemailpassword=hunter2\n"
      + "\n[other]\n9999 => " + PIN + ",Someone Else,else@example.se\n";

  @TempDir Path tmp;

  @Test
  void aChangedStaffFileGivesAUnifiedDiffOfTheFragmentWithoutSecrets() throws Exception {
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Files.writeString(etc.resolve("voicemail.conf"), MAIN_VM);
    Files.writeString(etc.resolve("extensions.conf"), "[from-internal]\n");
    String yaml = ItStaff.yaml();
    Staff before = load(yaml);
    String fragment = ConfDir.fragmentPath(before.organisation().id(), "voicemail.conf");
    Files.createDirectories(etc.resolve(fragment).getParent());
    Files.writeString(etc.resolve(fragment), render(before).voicemailConf());

    String changed = yaml.replace("Anna", "Annika");
    assertFalse(changed.equals(yaml), "the fixture has an Anna to rename");
    Staff after = load(changed);
    Plan plan = new Deployment(after, render(after), new ConfDir(etc), mock(AmiClient.class),
        link()).plan(NOW).get(0);

    Plan.FileChange vm = plan.files().stream().filter(f -> f.path().equals(fragment))
        .findFirst().orElseThrow();
    assertEquals(Plan.Change.UPDATE, vm.change());
    List<String> diff = vm.diff();
    assertEquals("--- a/" + fragment, diff.get(0));
    assertEquals("+++ b/" + fragment, diff.get(1));
    assertTrue(diff.get(2).matches("@@ -\\d+,\\d+ \\+\\d+,\\d+ @@"), diff.get(2));
    assertTrue(diff.stream().anyMatch(l -> l.startsWith("-") && l.contains(",Anna ")), diff.toString());
    assertTrue(diff.stream().anyMatch(l -> l.startsWith("+") && l.contains(",Annika ")), diff.toString());
    // The counts are the diff's own: its - and + lines, headers aside.
    assertEquals(diff.stream().skip(2).filter(l -> l.startsWith("+")).count(), vm.added());
    assertEquals(diff.stream().skip(2).filter(l -> l.startsWith("-")).count(), vm.removed());

    Plan.FileChange include = plan.files().stream()
        .filter(f -> f.path().equals("voicemail.conf")).findFirst().orElseThrow();
    assertEquals(Plan.Change.INCLUDE, include.change());
    String includeDiff = String.join("\n", include.diff());
    assertTrue(includeDiff.contains("+" + ConfDir.includeLine("voicemail.conf")), includeDiff);
    assertTrue(includeDiff.contains("9999 => " + Secrets.MASK + ",Someone Else"), includeDiff);
    for (Plan.FileChange f : plan.files()) {
      String all = String.join("\n", f.diff());
      assertFalse(all.contains(PIN) || all.contains("hunter2"), f.path() + ":\n" + all);
    }

    Plan.FileChange created = plan.files().stream()
        .filter(f -> f.change() == Plan.Change.CREATE).findFirst().orElseThrow();
    assertEquals("--- /dev/null", created.diff().get(0));
    assertEquals(0, created.removed());
  }

  @Test
  void secretsAreMaskedButEmptyPinsAndSettingsAreLeftAlone() {
    assertEquals("2101 => " + Secrets.MASK + ",Anna Berg,anna@x.se\n"
            + "2102 => ,Bo Ek,bo@x.se\n"
            + "3000 = " + Secrets.MASK + ",Cia\n"
            + "format=wav49|gsm\n"
            + "secret = " + Secrets.MASK + " ; the AMI one\n"
            + "; 2103 => 1234,a comment stays a comment",
        Secrets.masked("voicemail.conf", "2101 => 1234,Anna Berg,anna@x.se\n"
            + "2102 => ,Bo Ek,bo@x.se\n"
            + "3000 = 42,Cia\n"
            + "format=wav49|gsm\n"
            + "secret = s3cret ; the AMI one\n"
            + "; 2103 => 1234,a comment stays a comment"));
    assertEquals("exten => 2101,1,Dial(PJSIP/2101)\n",
        Secrets.masked("extensions.conf", "exten => 2101,1,Dial(PJSIP/2101)\n"));
  }

  private static Staff load(String yaml) throws StaffException {
    return new StaffLoader().parse("staff.yaml", yaml);
  }

  private static AsteriskConfig.Rendered render(Staff staff) {
    return Rendering.of(Optional.empty(), "test").asterisk().render(staff);
  }

  private static Deployment.Link link() {
    return new Deployment.Link() {
      @Override
      public AmiClient open(Duration listTimeout) {
        return mock(AmiClient.class);
      }

      @Override
      public Duration listTimeout() {
        return Duration.ofSeconds(60);
      }
    };
  }
}
