package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  /** A misspelt key on line 11 and a bad extension on line 14. */
  static final String BROKEN = """
      organisation:
        name: Bjurholms kommun
        place: Bjurholm
        switchboard: "100"
        phone: "0934-140 00"
        functional-mailbox: kommunen@bjurholm.se
        language: sv
        timezone: Europe/Stockholm
      staff:
        - id: anna.berg
          frist-name: Anna
          last-name: Berg
          email: anna.berg@bjurholm.se
          extension: "21a"
      """;

  @TempDir Path tmp;

  @Test
  void shippedStaffFileIsValid() {
    Cli.Run r = Cli.run("validate", "-f", Cli.SHIPPED.toString());

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("ok, 16 people, 14 with an extension"), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void brokenFileReportsEveryProblemAtFileLineColumnAndIsBadInput() throws Exception {
    Path file = Files.writeString(tmp.resolve("staff.yaml"), BROKEN);

    Cli.Run r = Cli.run("validate", "-f", file.toString());

    assertEquals(2, r.code(), r::toString);
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith(file + ":11:5: unknown key 'frist-name'"), r::toString);
    assertTrue(lines.get(0).contains("first-name"), () -> "no suggestion:\n" + r);
    assertTrue(lines.get(1).startsWith(file + ":14:16: extension '21a'"), r::toString);
    assertEquals("2 problems; nothing was written.", lines.get(2));
    assertEquals("", r.out());
  }

  @Test
  void missingFileIsBadInput() {
    Path missing = tmp.resolve("nowhere.yaml");

    Cli.Run r = Cli.run("validate", "-f", missing.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(missing + ": no such file"), r::toString);
  }

  /** The shipped platform example: Bjurholm (staff.yaml) and Vännäs. */
  static final Path PLATFORM =
      Path.of(System.getProperty("user.dir"), "examples/umea-region/platform.yaml");

  @Test
  void shippedPlatformIsValidAndCountedPerOrganisationWithATotal() throws Exception {
    Cli.Run r = Cli.run("validate", "-f", PLATFORM.toString());

    assertEquals(0, r.code(), r::toString);
    assertEquals(PLATFORM + ": ok, Umeåregionens telefoniplattform, 2 organisations\n"
        + "  bjurholm  Bjurholms kommun: 16 people, 14 with an extension\n"
        + "  vannas    Vännäs kommun: 11 people, 10 with an extension\n"
        + "  total: 27 people, 24 with an extension\n"
        + Cli.SHIPPED + ":" + lineOf(Cli.SHIPPED, "53: linnea.sjodin") + ":15: warning: weekly contact"
        + " for week 53 'linnea.sjodin' (Linnéa Sjödin) has no extension, so calls for"
        + " 'eva-lena.nystrom' in week 53 go to the switchboard (100), which refers callers to"
        + " them at 070-634 70 15; name someone with an extension if their phone should ring"
        + " instead\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void contactWithoutAnExtensionIsAWarningAtItsPlaceAndExitZero() throws Exception {
    String yaml = BROKEN.replace("frist-name", "first-name").replace("\"21a\"", "\"2101\"")
        + """
            absences:
              - from: 2026-07-20
                until: 2026-08-09
                reason: semester
                alternate: bo.lind
          - id: bo.lind
            first-name: Bo
            last-name: Lind
            email: bo.lind@bjurholm.se
            mobile: "070-111 22 33"
        """;
    Path file = Files.writeString(tmp.resolve("staff.yaml"), yaml);

    Cli.Run r = Cli.run("validate", "-f", file.toString());

    assertEquals(0, r.code(), r::toString);
    assertEquals(file + ": ok, 2 people, 1 with an extension\n"
        + file + ":" + lineOf(file, "alternate: bo.lind") + ":20: warning: alternate 'bo.lind'"
        + " (Bo Lind) has no extension, so calls for 'anna.berg' go to the switchboard (100),"
        + " which refers callers to them at 070-111 22 33; name someone with an extension if"
        + " their phone should ring instead\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void alternateWithoutAnExtensionWhomNoWeekNamesGivesNoWarning() throws Exception {
    // 27 July to 2 August 2026 is all of week 31, whose contact Anna has an extension.
    String yaml = BROKEN.replace("frist-name", "first-name").replace("\"21a\"", "\"2101\"")
        + """
          - id: calle.carlsson
            first-name: Calle
            last-name: Carlsson
            email: calle.carlsson@bjurholm.se
            extension: "2102"
            absences:
              - from: 2026-07-27
                until: 2026-08-02
                reason: semester
                alternate: bo.lind
                weekly-contacts:
                  31: anna.berg
          - id: bo.lind
            first-name: Bo
            last-name: Lind
            email: bo.lind@bjurholm.se
            mobile: "070-111 22 33"
        """;
    Path file = Files.writeString(tmp.resolve("staff.yaml"), yaml);

    Cli.Run r = Cli.run("validate", "-f", file.toString());

    assertEquals(0, r.code(), r::toString);
    assertEquals(file + ": ok, 3 people, 2 with an extension\n", r.out());
  }

  @Test
  void contactsWithExtensionsGiveNoWarning() throws Exception {
    Cli.Run r = Cli.run("validate", "-f", PLATFORM.toString(), "--org", "vannas");

    assertEquals(0, r.code(), r::toString);
    assertFalse(r.out().contains("warning"), r::toString);
  }

  @Test
  void orgSelectsOneOrganisation() {
    Cli.Run r = Cli.run("validate", "-f", PLATFORM.toString(), "--org", "vannas");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("  vannas  Vännäs kommun: 11 people"), r::toString);
    assertFalse(r.out().contains("bjurholm"), r::toString);
  }

  @Test
  void unknownOrgIsBadInputAndListsTheIdsNearestFirst() {
    Cli.Run r = Cli.run("validate", "-f", PLATFORM.toString(), "--org", "vanas");

    assertEquals(2, r.code(), r::toString);
    assertEquals("vaxel: --org vanas: " + PLATFORM + " has no organisation with that id; it has"
        + " vannas, bjurholm\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void orgOnALoneStaffFileKnowsItsOneId() {
    Cli.Run ok = Cli.run("validate", "-f", Cli.SHIPPED.toString(), "--org", "bjurholm");
    Cli.Run wrong = Cli.run("validate", "-f", Cli.SHIPPED.toString(), "--org", "vannas");

    assertEquals(0, ok.code(), ok::toString);
    assertTrue(ok.out().contains("ok, 16 people, 14 with an extension"), ok::toString);
    assertEquals(2, wrong.code(), wrong::toString);
    assertTrue(wrong.err().contains("it has bjurholm"), wrong::toString);
  }

  @Test
  void problemsAcrossFilesAreReportedInBothFilesAndAreBadInput() throws Exception {
    String other = Files.readString(PLATFORM.resolveSibling("vannas/staff.yaml"))
        .replace("extension: \"3100\"", "extension: \"2101\"");
    Path vannas = Files.writeString(tmp.resolve("vannas.yaml"), other);
    Path platform = Files.writeString(tmp.resolve("platform.yaml"), "platform:\n  name: P\n"
        + "organisations:\n  - staff: " + Cli.SHIPPED + "\n  - staff: vannas.yaml\n");
    int line = lineOf(vannas, "extension: \"2101\"");

    Cli.Run r = Cli.run("validate", "-f", platform.toString());

    assertEquals(2, r.code(), r::toString);
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith(Cli.SHIPPED + ":" + lineOf(Cli.SHIPPED,
        "extension: \"2101\"") + ":16: extension 2101 is also the extension of 'lena.holmgren'"
        + " in Vännäs kommun (" + vannas + ":" + line + ":16)"), r::toString);
    assertTrue(lines.get(1).startsWith(vannas + ":" + line + ":16: extension 2101 is also the"
        + " extension of 'calle.carlsson' in Bjurholms kommun"), r::toString);
    assertEquals("2 problems; nothing was written.", lines.get(2));
  }

  private static int lineOf(Path file, String text) throws Exception {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }
}
