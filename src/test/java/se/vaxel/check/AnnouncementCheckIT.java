package se.vaxel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.live.LiveOverride;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * ANNOUNCEMENT-MISSING on the sandbox's Asterisk 22 with espeak-ng: the probe inside Asterisk
 * STATs the announcement files, so a file deleted inside the chroot is found missing, for the
 * person whose current absence plays it and only them, and a file that is there is no finding.
 * Anna (2202), Bo (2203) and Cia (2204) are away now in ItStaff; Dan (2205) from tomorrow.
 */
class AnnouncementCheckIT {
  private static final String RULE = "ANNOUNCEMENT-MISSING";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLAYBACK = "/tmp/vaxel-annchk-it";

  @TempDir static Path dir;
  static Pbx pbx;
  static Sandbox sandbox;
  static Path staff;
  static Path sounds;
  /** A file moved aside by a test, and where it goes back. */
  private final List<Path[]> moved = new ArrayList<>();

  @BeforeAll
  static void applyWithAnnouncements() throws IOException {
    sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    sounds = sandbox.root().resolve(PLAYBACK.substring(1));
    staff = ItStaff.write(dir, "speech:\n  sounds-dir: " + sounds
        + "\n  playback-dir: " + PLAYBACK + "\n" + ItStaff.yaml());
    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
  }

  @AfterEach
  void restore() throws IOException {
    for (Path[] m : moved) {
      Files.move(m[0], m[1], StandardCopyOption.REPLACE_EXISTING);
    }
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
    }
  }

  private void delete(Path file) throws IOException {
    Path aside = dir.resolve(file.getFileName());
    Files.move(file, aside);
    moved.add(new Path[] {aside, file});
  }

  /** The file the planned context plays for a call to {@code ext} now (its first window). */
  private static Path plannedFile(String ext) throws IOException {
    String conf = Files.readString(sandbox.etc().resolve("vaxel/testby-kommun/extensions.conf"));
    Matcher m = Pattern.compile("exten => " + ext + ",1,NoOp\\([^)]*\\)\\n(?: same => [^\\n]*\\n)*?"
        + " same => n,ExecIf\\([^\\n]*\\?MSet\\(VAXEL_ANNOUNCE=" + Pattern.quote(PLAYBACK)
        + "/([^),]+)[,)]").matcher(conf);
    assertTrue(m.find(), "no announcement for " + ext + " in the planned context");
    Path file = sounds.resolve(m.group(1) + ".wav");
    assertTrue(Files.exists(file), file + " was not made by apply");
    return file;
  }

  private static JsonNode check() {
    Pbx.Run run = pbx.vaxel("check", "-f", staff.toString(), "--format", "json");
    try {
      return JSON.readTree(run.out());
    } catch (IOException e) {
      throw new AssertionError("not JSON, exit " + run.code() + ": " + run.out() + run.err(), e);
    }
  }

  private static List<String> missing(JsonNode report) {
    List<String> rows = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      if (f.get("rule").asText().equals(RULE)) {
        rows.add(f.get("staff").asText() + " " + f.get("extension").asText() + " "
            + f.get("severity").asText());
      }
    }
    return rows;
  }

  private static List<String> incomplete(JsonNode report) {
    List<String> items = new ArrayList<>();
    report.get("summary").get("incomplete").forEach(i -> items.add(i.asText()));
    return items;
  }

  @Test
  void everyFileThereIsNoFinding() {
    JsonNode report = check();

    assertEquals(List.of(), missing(report), report.toString());
    assertEquals(List.of(), incomplete(report), "the probe ran whole");
  }

  @Test
  void aDeletedFileOfAPlannedAbsenceIsReportedForThatPersonOnly() throws IOException {
    delete(plannedFile("2202"));

    JsonNode report = check();

    assertEquals(List.of("anna.away 2202 warning"), missing(report), report.toString());
    assertEquals(List.of(), incomplete(report));
  }

  @Test
  void aDeletedFileOfALiveOverrideIsReported() throws IOException {
    Pbx.Run set = pbx.vaxel("absence", "set", "per.present", "--until",
        LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "-f", staff.toString());
    assertEquals(0, set.code(), set.out() + set.err());
    String sound;
    try (AmiClient ami = pbx.connect()) {
      sound = LiveOverride.readAll(ami, ItStaff.OVERRIDE_FAMILY).get("2201").sound();
    }
    assertTrue(sound.startsWith("announce-"), "the override has no sound: " + sound);
    assertEquals(List.of(), missing(check()), "the override's file is there");

    delete(sounds.resolve("testby-kommun").resolve(sound + ".wav"));
    JsonNode report = check();

    assertEquals(List.of("per.present 2201 warning"), missing(report), report.toString());
  }
}
