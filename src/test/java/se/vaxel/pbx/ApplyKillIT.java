package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * apply killed with -9 at several moments, then run again: the PBX ends with the new
 * configuration, verified. On the real Asterisk, with enough people (4,000) that a reload of
 * app_voicemail takes seconds (about 1 ms per mailbox) and a kill lands inside it.
 */
class ApplyKillIT {
  private static final int PEOPLE = 4000;

  @TempDir static Path dir;
  static Pbx pbx;
  static Path etc;

  /** Where the kill lands, told by what the child has left in the configuration directory. */
  enum Moment {
    JOURNAL_WRITTEN,
    VOICEMAIL_WRITTEN,
    DIALPLAN_WRITTEN,
    EARLY_IN_THE_RELOAD,
    LATE_IN_THE_RELOAD
  }

  @BeforeAll
  static void applyAFirstConfiguration() throws Exception {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    etc = sandbox.etc();
    Pbx.Run first = pbx.vaxel("apply", "-f", staff("Första").toString(),
        "--asterisk-conf-dir", etc.toString());
    assertEquals(0, first.code(), first.err());
  }

  @ParameterizedTest
  @EnumSource(Moment.class)
  void applyKilledAtAnyMomentIsCompletedByTheNextApply(Moment moment) throws Exception {
    String name = "Kill" + moment.ordinal();
    Path staff = staff(name);
    String fragment = Files.readString(etc.resolve("vaxel/testby-kommun/voicemail.conf"));
    String dialplan = Files.readString(etc.resolve("vaxel/testby-kommun/extensions.conf"));
    Path journal = etc.resolve("vaxel/testby-kommun/apply-journal");
    Process child = ChildVaxel.start(pbx, "022", dir.resolve(name + ".log"), "apply", "-f",
        staff.toString(), "--asterisk-conf-dir", etc.toString());
    BooleanSupplier voicemailWritten = () -> !read(etc.resolve("vaxel/testby-kommun/voicemail.conf"))
        .equals(fragment);
    BooleanSupplier dialplanWritten = () -> !read(etc.resolve("vaxel/testby-kommun/extensions.conf"))
        .equals(dialplan);
    switch (moment) {
      case JOURNAL_WRITTEN -> await(() -> Files.exists(journal), child);
      case VOICEMAIL_WRITTEN -> await(voicemailWritten, child);
      case DIALPLAN_WRITTEN -> await(dialplanWritten, child);
      case EARLY_IN_THE_RELOAD -> {
        await(dialplanWritten, child);
        Thread.sleep(200);
      }
      case LATE_IN_THE_RELOAD -> {
        await(dialplanWritten, child);
        Thread.sleep(1200);
      }
    }
    assertTrue(child.isAlive(), "apply finished before the kill; the test proves nothing: "
        + read(dir.resolve(name + ".log")));
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    Pbx.Run again = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
        etc.toString());

    assertEquals(0, again.code(), again.out() + again.err());
    assertFalse(Files.exists(journal), "the journal of the killed apply is gone once verified");
    assertEveryPersonHasTheirNewMailbox(name);
    Pbx.Run plan = pbx.vaxel("plan", "-f", staff.toString(), "--asterisk-conf-dir",
        etc.toString());
    assertEquals(0, plan.code(), plan.out() + plan.err());
  }

  @Test
  void aSecondApplyWaitsForTheFirstAndSaysWhoHoldsTheLock() throws Exception {
    Path staff = staff("Parallell");
    Process first = ChildVaxel.start(pbx, "022", dir.resolve("first.log"), "apply", "-f",
        staff.toString(), "--asterisk-conf-dir", etc.toString());
    Path lock = etc.resolve("vaxel/lock");
    await(() -> read(lock).contains("vaxel apply"), first);

    Pbx.Run second = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
        etc.toString());

    assertTrue(first.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, first.exitValue(), read(dir.resolve("first.log")));
    // The second either waited its turn (and found nothing left to do) or said who held it.
    if (second.code() == 0) {
      assertTrue(second.out().startsWith("Nothing to change"), second.out());
    } else {
      assertEquals(3, second.code(), second.err());
      assertTrue(second.err().contains("is held by vaxel apply (pid " + first.pid()),
          second.err());
    }
    assertEveryPersonHasTheirNewMailbox("Parallell");
  }

  private static void assertEveryPersonHasTheirNewMailbox(String name) {
    try (AmiClient ami = pbx.connect()) {
      Map<String, String> names = ami.voicemailUsers().stream()
          .filter(b -> b.context().equals(ItStaff.VOICEMAIL_CONTEXT))
          .collect(Collectors.toMap(VoicemailBox::mailbox, VoicemailBox::fullName));
      assertEquals(PEOPLE + 5, names.size());
      assertEquals("Person " + name, names.get("30001"));
      assertEquals("Person " + name, names.get(String.valueOf(30000 + PEOPLE)));
    }
  }

  /** Polls until {@code condition} holds, while the child is still running. */
  private static void await(BooleanSupplier condition, Process child) throws Exception {
    Instant end = Instant.now().plus(Duration.ofMinutes(2));
    while (!condition.getAsBoolean()) {
      assertTrue(child.isAlive(), "apply ended before the moment to kill it came");
      assertTrue(Instant.now().isBefore(end), "the moment to kill apply never came");
      Thread.sleep(5);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The integration test staff plus {@link #PEOPLE} people whose last name is {@code name}. */
  private static Path staff(String name) throws IOException {
    StringBuilder yaml = new StringBuilder(ItStaff.yaml());
    for (int i = 1; i <= PEOPLE; i++) {
      yaml.append("  - id: p").append(i).append("\n    first-name: Person\n    last-name: ")
          .append(name).append("\n    extension: \"").append(30000 + i)
          .append("\"\n    email: p").append(i).append("@testby.se\n");
    }
    Path file = dir.resolve("staff-" + name + ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
