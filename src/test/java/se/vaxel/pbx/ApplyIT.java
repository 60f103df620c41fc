package se.vaxel.pbx;

import se.vaxel.live.LiveOverride;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.PresenceEntry;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/** vaxel apply, plan and absence against the real Asterisk 22 of scripts/asterisk-sandbox. */
class ApplyIT {
  private static final Duration RING = Duration.ofSeconds(10);

  @TempDir static Path dir;
  static Pbx pbx;
  static Path staff;
  static Pbx.Run firstApply;

  @BeforeAll
  static void applyTheTestStaff() throws IOException {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    staff = ItStaff.write(dir);
    firstApply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
  }

  static String etc() {
    return pbx.sandbox().etc().toString();
  }

  /** Each test starts from the applied state: no live absences, presence as planned. */
  @AfterEach
  void clearLiveAbsences() {
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(se.vaxel.testing.ItStaff.OVERRIDE_FAMILY);
    }
    pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
  }

  @Test
  void firstApplyReloadsAndVerifies() {
    assertEquals(0, firstApply.code(), firstApply.err());
    assertTrue(firstApply.out().contains("Mailboxes: 5 to add, 0 to remove, 0 to change"),
        firstApply.out());
    assertTrue(firstApply.out().contains("reloaded and verified"), firstApply.out());
  }

  @Test
  void everyMailboxIsLiveWithItsNameAndEmail() {
    try (AmiClient ami = pbx.connect()) {
      Map<String, VoicemailBox> boxes = ami.voicemailUsers().stream()
          .filter(b -> b.context().equals(ItStaff.VOICEMAIL_CONTEXT))
          .collect(Collectors.toMap(VoicemailBox::mailbox, b -> b));
      assertEquals(List.of("2201", "2202", "2203", "2204", "2205"),
          boxes.keySet().stream().sorted().toList(), "eva has no extension, so no mailbox");
      assertEquals("Per Närvarande", boxes.get("2201").fullName());
      assertEquals("per@testby.se", boxes.get("2201").email());
      assertEquals("Dan Imorgon", boxes.get("2205").fullName());
    }
  }

  @Test
  void theDialplanContextsAreLoadedWithHints() {
    try (AmiClient ami = pbx.connect()) {
      for (String ctx : List.of(ItStaff.CONTEXT, ItStaff.CONTEXT + "-p0001",
          ItStaff.CONTEXT + "-route", ItStaff.CONTEXT + "-absence",
          ItStaff.CONTEXT + "-planned", ItStaff.CONTEXT + "-planned-p0001")) {
        assertFalse(ami.showDialplan(ctx).isEmpty(), ctx + " is not loaded");
      }
      List<DialplanEntry> hints = ami.showDialplan(ItStaff.CONTEXT + "-p0001").stream()
          .filter(DialplanEntry::isHint).toList();
      assertEquals(5, hints.size());
      assertTrue(hints.stream().anyMatch(h -> h.extension().equals("2202")
          && h.application().contains("CustomPresence:2202")), hints.toString());
    }
  }

  @Test
  void presentPersonRingsTheirOwnPhone() {
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));
  }

  @Test
  void absentPersonRingsTheAlternate() {
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2202", RING));
  }

  @Test
  void absentPersonWhoseAlternateIsAbsentTooRingsTheSwitchboard() {
    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2203", RING));
  }

  @Test
  void absentPersonRingsThisWeeksContactAndTheAlternateInOtherWeeks() throws IOException {
    // Anna (2202, away from two days ago to five days ahead, alternate Per 2201): Dan (2205,
    // away only from tomorrow) is her contact this ISO week in one file, in the other week of
    // her absence in the other.
    LocalDate today = LocalDate.now(ItStaff.ZONE);
    int week = today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    int before = today.minusDays(2).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    int other = before != week ? before : today.plusDays(5).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);

    applyWithAnnasWeeklyContact(week);
    assertEquals("2205", pbx.call(ItStaff.CONTEXT, "2202", RING));

    applyWithAnnasWeeklyContact(other);
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2202", RING));
  }

  @Test
  void weeklyContactWithoutAnExtensionSendsThatWeeksCallsToTheSwitchboard() throws IOException {
    // Issue 10's example: Anna's contact this week is Eva, who has a mobile and no extension.
    // The texts name Eva, so the switchboard takes the calls and refers callers to her; the
    // alternate (Per) is not rung in her week.
    int week = LocalDate.now(ItStaff.ZONE).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);

    applyWithAnnasWeeklyContact(week, "eva.mobile");

    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2202", RING));
  }

  private static void applyWithAnnasWeeklyContact(int week) throws IOException {
    applyWithAnnasWeeklyContact(week, "dan.tomorrow");
  }

  private static void applyWithAnnasWeeklyContact(int week, String contact) throws IOException {
    String yaml = ItStaff.yaml().replaceFirst("alternate: per.present\n",
        "alternate: per.present\n        weekly-contacts:\n          " + week
            + ": " + contact + "\n");
    assertTrue(yaml.contains(contact + "\n"), yaml);
    Path file = ItStaff.write(Files.createTempDirectory(dir, "weekly"), yaml);
    Pbx.Run run = pbx.vaxel("apply", "-f", file.toString(), "--asterisk-conf-dir", etc());
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("reloaded and verified"), run.out());
  }

  @Test
  void aTemplateThatAddsAContextOfItsOwnIsNeverLeftLoaded(@TempDir Path templates)
      throws IOException {
    Path ext = Files.createDirectories(templates.resolve("asterisk"))
        .resolve("extensions.conf.ftl");
    String shipped = Files.readString(Sandbox.projectDir()
        .resolve("templates/asterisk/extensions.conf.ftl"), StandardCharsets.UTF_8);
    Files.writeString(ext, shipped + "\n[vaxel-it-extra]\nexten => 1,1,System(true)\n",
        StandardCharsets.UTF_8);

    Pbx.Run run = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc(),
        "--templates", templates.toString());

    // Refused as bad input where organisations may not override the Asterisk templates, or
    // loaded, found to differ and rolled back.
    assertTrue(run.code() == 2 || run.code() == 3, run.code() + ": " + run.out() + run.err());
    try (AmiClient ami = pbx.connect()) {
      assertEquals(List.of(), ami.showDialplan("vaxel-it-extra"));
    }
    Pbx.Run check = pbx.vaxel("plan", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(0, check.code(), check.out() + check.err());
  }

  /** plan --diff on a changed staff.yaml: the diff of what apply would write, no secret in it. */
  @Test
  void planDiffShowsTheChangedMailboxLineAndNoSecret(@TempDir Path tmp) throws IOException {
    Path changed = tmp.resolve("staff.yaml");
    Files.writeString(changed, Files.readString(staff)
        .replace("last-name: Närvarande\n", "last-name: Närvarande-Ek\n"));
    Pbx.Run plan = pbx.vaxel("plan", "--diff", "-f", changed.toString(),
        "--asterisk-conf-dir", etc());

    assertEquals(1, plan.code(), plan.out() + plan.err());
    String out = plan.out();
    assertTrue(out.contains("\n--- a/vaxel/testby-kommun/voicemail.conf\n"
        + "+++ b/vaxel/testby-kommun/voicemail.conf\n@@ "), out);
    assertTrue(out.contains("\n-2201 => ,Per Närvarande,per@testby.se\n"
        + "+2201 => ,Per Närvarande-Ek,per@testby.se\n"), out);
    assertFalse(out.contains(pbx.sandbox().secret()), "the AMI secret is never printed");
    Pbx.Run without = pbx.vaxel("plan", "-f", changed.toString(), "--asterisk-conf-dir", etc());
    assertFalse(without.out().contains("+++ b/"), "no diff unless asked for");
  }

  @Test
  void absenceStartingTomorrowStillRingsThePerson() {
    assertEquals("2205", pbx.call(ItStaff.CONTEXT, "2205", RING));
  }

  @Test
  void applyingTwiceChangesNothingTheSecondTime() {
    Pbx.Run again = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().startsWith("Nothing to change"), again.out());
    Pbx.Run plan = pbx.vaxel("plan", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(0, plan.code(), plan.out() + plan.err());
  }

  @Test
  void includesAreAddedOnce() throws IOException {
    pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    String vm = Files.readString(pbx.sandbox().etc().resolve("voicemail.conf"));
    String ext = Files.readString(pbx.sandbox().etc().resolve("extensions.conf"));
    assertEquals(1, count(vm, "#include \"vaxel/voicemail.conf\""));
    assertEquals(1, count(ext, "#include \"vaxel/extensions.conf\""));
  }

  @Test
  void absentPersonIsPublishedAsAwayPresence() {
    try (AmiClient ami = pbx.connect()) {
      PresenceEntry anna = ami.presenceState("CustomPresence:2202");
      assertEquals("away", anna.state());
      assertEquals("semester", anna.subtype());
      assertTrue(anna.message().contains("Per Närvarande 2201"), anna.message());
      assertEquals("away", ami.presenceState("CustomPresence:2204").state());
      assertFalse(ami.presenceState("CustomPresence:2201").state().equals("away"));
    }
  }

  @Test
  void liveAbsenceRoutesTheNextCallWithoutReload() {
    Pbx.Run set = pbx.vaxel("absence", "set", "per.present", "--until",
        LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "--alternate", "dan.tomorrow",
        "-f", staff.toString());
    assertEquals(0, set.code(), set.err());
    assertEquals("2205", pbx.call(ItStaff.CONTEXT, "2201", RING));
    // Anna's alternate is Per, who is now away live: her calls go to the switchboard.
    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2202", RING));
    try (AmiClient ami = pbx.connect()) {
      assertEquals("away", ami.presenceState("CustomPresence:2201").state());
    }

    Pbx.Run clear = pbx.vaxel("absence", "clear", "per.present", "-f", staff.toString());
    assertEquals(0, clear.code(), clear.err());
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));
  }

  @Test
  void clearingAPlannedAbsenceLetsThePhoneRingAgain() {
    Pbx.Run clear = pbx.vaxel("absence", "clear", "anna.away", "-f", staff.toString());
    assertEquals(0, clear.code(), clear.err());
    assertTrue(clear.out().contains("is back"), clear.out());
    assertEquals("2202", pbx.call(ItStaff.CONTEXT, "2202", RING));
    Pbx.Run list = pbx.vaxel("absence", "list", "-f", staff.toString());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("anna.away")
        && l.contains("ring 2202") && l.contains("semester")), list.out());
  }

  @Test
  void liveAbsenceWithAnAbsentAlternateIsRefused() {
    Pbx.Run set = pbx.vaxel("absence", "set", "per.present", "--until",
        LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "--alternate", "anna.away",
        "-f", staff.toString());
    assertEquals(2, set.code());
    assertTrue(set.err().contains("is away too"), set.err());
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));
  }

  @Test
  void configurationThatDoesNotLoadIsRolledBack(@TempDir Path home) throws IOException {
    // A broken installation's template drops the last mailbox (an organisation's --templates
    // cannot override the Asterisk templates): Asterisk loads four, apply notices, puts the
    // working files back and reloads them.
    Path vm = Files.createDirectories(home.resolve("templates/asterisk"))
        .resolve("voicemail.conf.ftl");
    String shipped = Files.readString(Sandbox.projectDir()
        .resolve("templates/asterisk/voicemail.conf.ftl"), StandardCharsets.UTF_8);
    Files.writeString(vm, shipped.replace("<#list people as p>",
        "<#list people[0..people?size-2] as p>"), StandardCharsets.UTF_8);
    Path before = pbx.sandbox().etc().resolve("vaxel/testby-kommun/voicemail.conf");
    String working = Files.readString(before);

    String installed = System.getProperty("vaxel.home");
    System.setProperty("vaxel.home", home.toString());
    Pbx.Run broken;
    try {
      broken = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    } finally {
      if (installed == null) {
        System.clearProperty("vaxel.home");
      } else {
        System.setProperty("vaxel.home", installed);
      }
    }

    assertEquals(3, broken.code(), broken.out() + broken.err());
    assertTrue(broken.err().contains("previous configuration is restored"), broken.err());
    assertEquals(working, Files.readString(before));
    try (AmiClient ami = pbx.connect()) {
      assertTrue(ami.voicemailUsers().stream().anyMatch(b ->
          b.context().equals(ItStaff.VOICEMAIL_CONTEXT) && b.mailbox().equals("2205")));
    }
    assertEquals("2205", pbx.call(ItStaff.CONTEXT, "2205", RING));
  }

  @Test
  void unreachablePbxIsExitThree() {
    Map<String, String> env = pbx.env();
    env.put("VAXEL_AMI", "127.0.0.1:1");
    Pbx.Run run = Pbx.vaxel(env, "plan", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(3, run.code());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void wrongSecretIsExitThreeAndNeverPrinted(@TempDir Path tmp) throws IOException {
    Path secret = tmp.resolve("secret");
    Files.writeString(secret, "not-the-secret-4711\n");
    Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-------"));
    Map<String, String> env = pbx.env();
    env.put("VAXEL_AMI_SECRET_FILE", secret.toString());
    Pbx.Run run = Pbx.vaxel(env, "plan", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(3, run.code(), run.err());
    assertFalse((run.out() + run.err()).contains("not-the-secret-4711"));
    assertFalse((run.out() + run.err()).contains(pbx.sandbox().secret()));
  }

  private static int count(String text, String what) {
    return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }
}
