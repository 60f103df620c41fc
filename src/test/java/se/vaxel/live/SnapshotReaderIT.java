package se.vaxel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiSettings;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.cli.VaxelCommand;
import se.vaxel.generate.Rendering;
import se.vaxel.live.Snapshot.Greeting;
import se.vaxel.model.Staff;
import se.vaxel.live.LiveOverride;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/** A snapshot of the real Asterisk 22 after {@code vaxel apply} of the ItStaff file. */
class SnapshotReaderIT {
  private static final List<String> EXTENSIONS = List.of("2201", "2202", "2203", "2204", "2205");

  @TempDir static Path dir;
  static Pbx pbx;
  static Path staffFile;
  static Staff staff;

  @BeforeAll
  static void applyTheTestStaff() throws Exception {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    staffFile = ItStaff.write(dir);
    staff = new StaffLoader().load(staffFile);
    Pbx.Run apply = pbx.vaxel("apply", "-f", staffFile.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
  }

  private static Snapshot read(AmiClient ami) {
    return new SnapshotReader(ami, pbx.sandbox().host() + ":" + pbx.sandbox().port(),
        staff.asterisk(), Clock.systemUTC(), SnapshotReader.ProbeTimeouts.DEFAULT).read();
  }

  @Test
  void snapshotOfTheAppliedStaff() {
    try (AmiClient ami = pbx.connect()) {
      long before = ami.roundTrips();
      Snapshot s = read(ami);
      long roundTrips = ami.roundTrips() - before;
      Instant now = Instant.now();

      assertEquals(List.of(), s.incomplete());
      assertEquals(EXTENSIONS, s.mailboxes().keySet().stream().sorted().toList());
      assertEquals("Per Närvarande", s.mailboxes().get("2201").fullName());
      assertEquals(List.of("Per Närvarande", "Anna Borta", "Bo Borta", "Cia Borta",
          "Dan Imorgon"), EXTENSIONS.stream().map(s.mailboxes()::get)
          .map(VoicemailBox::fullName).toList());
      String generated = Rendering.of(Optional.empty(), VaxelCommand.version()).asterisk()
          .render(staff).fingerprint();
      assertEquals(generated, s.fingerprint());
      assertEquals(EXTENSIONS, s.dialplanExtensions().stream().sorted().toList());

      LoadedRouting routing = s.routing();
      assertEquals(Optional.of("2201"), routing.plannedTarget("2202", now), "anna -> per");
      assertEquals(Optional.of("2204"), routing.plannedTarget("2203", now), "bo -> cia");
      assertEquals(Optional.empty(), routing.plannedTarget("2201", now), "per is present");
      assertEquals(Optional.empty(), routing.plannedTarget("2205", now), "dan from tomorrow");
      assertTrue(routing.overridesHonoured());
      assertEquals(List.of(5, 5, 5), routing.ringTimeouts());

      Map<String, Greeting> greetings = s.greetings().orElseThrow();
      assertEquals(EXTENSIONS, greetings.keySet().stream().sorted().toList());
      greetings.values().forEach(g ->
          assertEquals(new Greeting(false, false, Optional.empty()), g));
      assertEquals(Optional.empty(), s.endpoints(), "the test phones are Local channels");
      // 6 fixed round trips (one ShowDialPlan for every context) plus the polls of a probe
      // that takes ~0.1 s here, plus the login.
      assertTrue(roundTrips >= 7 && roundTrips <= 12, roundTrips + " round trips");
    }
  }

  @Test
  void theProbeFindsRecordingsAndTheOldestUnheardMessage() throws IOException {
    Path spool = pbx.sandbox().spool().resolve(ItStaff.VOICEMAIL_CONTEXT);
    Path sound = pbx.sandbox().root()
        .resolve("usr/share/asterisk/sounds/en_US_f_Allison/vm-goodbye.gsm");
    Instant leftAt = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
    try {
      copy(sound, spool.resolve("2201/unavail.gsm"));
      copy(sound, spool.resolve("2202/temp.gsm"));
      // format=wav49 records greetings as .WAV; the probe looks for every format's ending.
      copy(sound, spool.resolve("2204/unavail.WAV"));
      Path message = spool.resolve("2203/INBOX/msg0000.txt");
      Files.createDirectories(message.getParent());
      Files.writeString(message, "[message]\norigmailbox=2203\n");
      Files.setLastModifiedTime(message, FileTime.from(leftAt));
      pbx.sandbox().inChroot("chown", "-R", "asterisk:asterisk", "/var/spool/asterisk/voicemail");

      Map<String, Greeting> greetings;
      try (AmiClient ami = pbx.connect()) {
        greetings = read(ami).greetings().orElseThrow();
      }

      assertEquals(new Greeting(true, false, Optional.empty()), greetings.get("2201"));
      assertEquals(new Greeting(false, true, Optional.empty()), greetings.get("2202"));
      assertEquals(new Greeting(false, false, Optional.of(leftAt)), greetings.get("2203"));
      assertEquals(new Greeting(true, false, Optional.empty()), greetings.get("2204"));
      assertEquals(new Greeting(false, false, Optional.empty()), greetings.get("2205"));
    } finally {
      for (String ext : List.of("2201", "2202", "2203", "2204")) {
        deleteTree(spool.resolve(ext));
      }
    }
  }

  @Test
  void liveOverridesAreRead() {
    Pbx.Run set = pbx.vaxel("absence", "set", "per.present", "--until",
        LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "--alternate", "dan.tomorrow",
        "-f", staffFile.toString());
    assertEquals(0, set.code(), set.err());
    try (AmiClient ami = pbx.connect()) {
      LiveOverride per = read(ami).overrides().get("2201");
      assertTrue(per.away());
      assertEquals("2205", per.target());
    } finally {
      try (AmiClient ami = pbx.connect()) {
        ami.dbDelTree(se.vaxel.testing.ItStaff.OVERRIDE_FAMILY);
      }
    }
  }

  /** The sandbox's least-privilege user may read but not originate: greetings are a gap. */
  @Test
  void readOnlyUserGetsEverythingButTheGreetings() {
    Sandbox sandbox = pbx.sandbox();
    AmiSettings readOnly = AmiSettings.of(sandbox.host(), sandbox.port(), "vaxel-check",
        sandbox.secret());
    try (AmiClient ami = AmiConnector.connect(readOnly)) {
      Snapshot s = read(ami);

      assertEquals(Optional.empty(), s.greetings());
      assertEquals(1, s.incomplete().size(), s.incomplete().toString());
      assertTrue(s.incomplete().get(0).startsWith("greetings: ")
          && s.incomplete().get(0).contains("Permission denied"), s.incomplete().get(0));
      assertEquals(EXTENSIONS, s.mailboxes().keySet().stream().sorted().toList());
      assertTrue(s.fingerprint().startsWith("sha256:"));
      assertEquals(List.of(5, 5, 5), s.routing().ringTimeouts());
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
