package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Platform;

/**
 * The platform file and the problems that span staff files, each at FILE:LINE:COL in every
 * file concerned.
 */
class PlatformLoaderTest {
  @TempDir Path tmp;

  /** The shipped example: Bjurholm (the project's staff.yaml) and Vännäs beside it. */
  static final Path SHIPPED =
      Path.of(System.getProperty("user.dir"), "examples/umea-region/platform.yaml");

  /**
   * A staff file; with an id its lines are: 2 id (value at column 7), 5 switchboard (value at
   * 16), 11 the person's id (value at 9), 15 the extension (value at 16), 16 and on the
   * absence, then the asterisk block. Without an id every line is one earlier.
   */
  private static String staff(String orgId, String name, String personId, String extension,
      String absence, String asterisk) {
    return "organisation:\n"
        + (orgId == null ? "" : "  id: " + orgId + "\n")
        + "  name: " + name + "\n"
        + "  place: Ort\n"
        + "  switchboard: \"100\"\n"
        + "  phone: \"090-10 00\"\n"
        + "  functional-mailbox: kommun@example.se\n"
        + "  language: sv\n"
        + "  timezone: Europe/Stockholm\n"
        + "staff:\n"
        + "  - id: " + personId + "\n"
        + "    first-name: Anna\n"
        + "    last-name: Berg\n"
        + "    email: anna@example.se\n"
        + "    extension: \"" + extension + "\"\n"
        + absence
        + asterisk;
  }

  private static String staff(String orgId, String name, String personId, String extension) {
    return staff(orgId, name, personId, extension, "", "");
  }

  private Path write(String name, String text) throws Exception {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** A platform file listing the paths; the first one is on line 4, the next on 5, ... */
  private Path platform(String... staffPaths) throws Exception {
    StringBuilder yaml = new StringBuilder("platform:\n  name: Plattformen\norganisations:\n");
    for (String p : staffPaths) {
      yaml.append("  - staff: ").append(p).append('\n');
    }
    return write("platform.yaml", yaml.toString());
  }

  private static Platform load(Path file) throws Exception {
    return new PlatformLoader().load(file);
  }

  private static List<Problem> problems(Path file) {
    return assertThrows(StaffException.class, () -> load(file)).problems();
  }

  /** The one problem at FILE:LINE:COL, which must contain every part. */
  private static Problem at(List<Problem> problems, Path file, int line, int column,
      String... parts) {
    String where = file + ":" + line + ":" + column + ":";
    List<Problem> there = problems.stream()
        .filter(p -> (p.file() + ":" + p.line() + ":" + p.column() + ":").equals(where))
        .toList();
    assertEquals(1, there.size(), () -> "expected one problem at " + where + " in " + problems);
    for (String part : parts) {
      assertTrue(there.get(0).message().contains(part),
          () -> "expected '" + part + "' in: " + there.get(0));
    }
    return there.get(0);
  }

  @Test
  void shippedPlatformExampleLoadsBothOrganisations() throws Exception {
    Platform p = load(SHIPPED);

    assertTrue(p.fromPlatformFile());
    assertEquals("Umeåregionens telefoniplattform", p.name());
    assertEquals(List.of("bjurholm", "vannas"), p.ids());
    Platform.Member david = p.members().stream()
        .filter(m -> m.person().id().equals("david.brown")).findFirst().orElseThrow();
    assertEquals("vannas/david.brown", david.qualifiedId());
    // The shipped Bjurholm keeps today's names; Vännäs gets its own from its id.
    assertEquals("vaxel", p.organisation("bjurholm").orElseThrow().asterisk().voicemailContext());
    assertEquals("vaxel-vannas-absence", DialplanContexts.of(
        p.organisation("vannas").orElseThrow().asterisk()).overrideFamily());
    int people = p.organisation("vannas").orElseThrow().people().size();
    assertTrue(people >= 8 && people <= 12, "Vännäs has 8 to 12 people: " + people);
  }

  @Test
  void loneStaffFileIsAPlatformOfOne() throws Exception {
    Path file = write("staff.yaml", staff(null, "Bjurholms kommun", "anna.berg", "2102"));

    Platform p = load(file);

    assertFalse(p.fromPlatformFile());
    assertEquals("Bjurholms kommun", p.name());
    assertEquals(List.of("bjurholms-kommun"), p.ids());
  }

  @Test
  void staffPathsAreRelativeToThePlatformFileAndMayGoUpwards() throws Exception {
    write("a/staff.yaml", staff("a", "A kommun", "anna.berg", "2102"));
    write("b/staff.yaml", staff("b", "B kommun", "anna.berg", "3102"));
    Path platform = write("conf/platform.yaml", "platform:\n  name: P\norganisations:\n"
        + "  - staff: ../a/staff.yaml\n  - staff: ../b/staff.yaml\n");

    Platform p = load(platform);

    assertEquals(List.of("a", "b"), p.ids());
    // The same staff id in two organisations is fine: people are <org>/<id> across them.
    assertEquals(List.of("a/anna.berg", "b/anna.berg"),
        p.members().stream().map(Platform.Member::qualifiedId).toList());
  }

  @Test
  void extensionUsedInTwoOrganisationsIsReportedInBothFiles() throws Exception {
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102"));
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "2102"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(2, problems.size(), problems::toString);
    at(problems, a, 15, 16, "extension 2102 is also the extension of 'bo.lind' in B kommun ("
        + b + ":15:16)", "one number plan");
    at(problems, b, 15, 16, "extension 2102 is also the extension of 'anna.berg' in A kommun ("
        + a + ":15:16)");
    assertEquals(a.toString(), problems.get(0).file(), "files in the order they are listed");
  }

  @Test
  void organisationsMayShareTheSwitchboardButNoPersonMayHaveIt() throws Exception {
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102"));
    // B's person has 100, A's (and B's own) switchboard: within B the staff reader says so.
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "100"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    // Once, in B: the number is B's own switchboard's, and that is what B must fix.
    at(problems, b, 15, 16, "extension 100 is the switchboard's own");
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.stream().noneMatch(p -> p.file().equals(a.toString())), "not in A");
  }

  @Test
  void personWithAnotherOrganisationsSwitchboardIsReportedInBothFiles() throws Exception {
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102")
        .replace("switchboard: \"100\"", "switchboard: \"200\""));
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "200"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(2, problems.size(), problems::toString);
    at(problems, a, 5, 16, "switchboard 200 is also the extension of 'bo.lind' in B kommun ("
        + b + ":15:16)");
    at(problems, b, 15, 16, "extension 200 is also the switchboard of A kommun (" + a + ":5:16)");
  }

  @Test
  void duplicateOrganisationIdIsReportedAtBothIds() throws Exception {
    Path a = write("a.yaml", staff("umea", "A kommun", "anna.berg", "2102"));
    Path b = write("b.yaml", staff("umea", "B kommun", "bo.lind", "3102"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    // Only the id: the names on the PBX that follow from it are the same problem.
    assertEquals(2, problems.size(), problems::toString);
    at(problems, a, 2, 7, "organisation id 'umea' is also the id of B kommun (" + b + ":2:7)",
        "change organisation.id");
    at(problems, b, 2, 7, "is also the id of A kommun (" + a + ":2:7)");
  }

  @Test
  void derivedIdsThatCollideAskForADeclaredId() throws Exception {
    write("a.yaml", staff(null, "Umeå kommun", "anna.berg", "2102", "",
        "asterisk:\n  voicemail-context: vm-a\n  dialplan-context: dp-a\n"));
    Path b = write("b.yaml", staff(null, "Umea kommun", "bo.lind", "3102", "",
        "asterisk:\n  voicemail-context: vm-b\n  dialplan-context: dp-b\n"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(2, problems.size(), problems::toString);
    // Without organisation.id the problem is at the organisation key.
    at(problems, b, 1, 1, "organisation id 'umea-kommun' (derived from the name)",
        "give organisation.id");
  }

  @Test
  void twoFilesWithoutIdsShareTheDefaultNamesOnThePbx() throws Exception {
    Path a = write("a.yaml", staff(null, "A kommun", "anna.berg", "2102"));
    Path b = write("b.yaml", staff(null, "B kommun", "bo.lind", "3102"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(4, problems.size(), problems::toString);
    for (Path file : List.of(a, b)) {
      List<Problem> here = problems.stream().filter(p -> p.file().equals(file.toString()))
          .toList();
      assertEquals(2, here.size(), here::toString);
      assertTrue(here.stream().anyMatch(p -> p.message().startsWith(
          "voicemail context 'vaxel' is also the voicemail context of")
          && p.message().contains("give organisation.id")), here::toString);
      assertTrue(here.stream().anyMatch(p -> p.message().contains(
          "dialplan contexts vaxel-staff, vaxel-staff-absence, vaxel-staff-codes, vaxel-staff-planned,"
              + " vaxel-staff-probe, vaxel-staff-route and the AstDB families vaxel-absence,"
              + " vaxel-probe")), here::toString);
      assertTrue(here.stream().allMatch(p -> p.line() == 1 && p.column() == 1), here::toString);
    }
  }

  @Test
  void sharedVoicemailContextIsReportedAtTheAsteriskKeyInBothFiles() throws Exception {
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102", "",
        "asterisk:\n  voicemail-context: gemensam\n"));
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "3102", "",
        "asterisk:\n  voicemail-context: gemensam\n"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(2, problems.size(), problems::toString);
    at(problems, a, 17, 22, "voicemail context 'gemensam' is also the voicemail context of"
        + " B kommun (" + b + ":17:22)", "change asterisk.voicemail-context");
    at(problems, b, 17, 22, "of A kommun (" + a + ":17:22)");
  }

  @Test
  void dialplanContextThatIsAnotherOrganisationsRouteContextOverlaps() throws Exception {
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102", "",
        "asterisk:\n  dialplan-context: växel\n".replace("ä", "a")));
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "3102", "",
        "asterisk:\n  dialplan-context: vaxel-route\n"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(2, problems.size(), problems::toString);
    at(problems, a, 17, 21, "the dialplan context vaxel-route (from dialplan-context 'vaxel')"
        + " is also B kommun's (dialplan-context 'vaxel-route' at " + b + ":17:21)");
    at(problems, b, 17, 21, "the dialplan context vaxel-route (from dialplan-context"
        + " 'vaxel-route') is also A kommun's", "change asterisk.dialplan-context");
  }

  @Test
  void distinctContextsWhoseFamiliesCoincideOverlap() throws Exception {
    // vaxel-x-staff and vaxel-x share no context, but both keep absences in vaxel-x-absence.
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102", "",
        "asterisk:\n  dialplan-context: vaxel-x-staff\n"));
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "3102", "",
        "asterisk:\n  dialplan-context: vaxel-x\n"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(2, problems.size(), problems::toString);
    at(problems, a, 17, 21, "the AstDB families vaxel-x-absence, vaxel-x-probe (from"
        + " dialplan-context 'vaxel-x-staff') are also B kommun's");
    at(problems, b, 17, 21, "the AstDB families vaxel-x-absence, vaxel-x-probe");
  }

  @Test
  void alternateInAnotherOrganisationSaysWhereThatPersonIs() throws Exception {
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102", """
            absences:
              - from: 2026-07-20
                until: 2026-08-09
                reason: semester
                alternate: bo.lind
                weekly-contacts:
                  30: bo.lind
        """, ""));
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "3102"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(2, problems.size(), problems::toString);
    at(problems, a, 20, 20, "alternate 'bo.lind' is in B kommun (" + b + ":11:9), not in"
        + " A kommun; an alternate must be in the same organisation");
    at(problems, a, 22, 15, "weekly contact for week 30 'bo.lind' is in B kommun",
        "a weekly contact must be in the same organisation");
  }

  @Test
  void idInNoOrganisationKeepsTheNearestIdSuggestion() throws Exception {
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102", """
            absences:
              - from: 2026-07-20
                until: 2026-08-09
                reason: semester
                alternate: ana.berg
        """, ""));
    write("b.yaml", staff("b", "B kommun", "bo.lind", "3102"));

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    assertEquals(1, problems.size(), problems::toString);
    at(problems, a, 20, 20, "alternate 'ana.berg' is not a staff id; did you mean"
        + " 'anna.berg'?");
  }

  @Test
  void everyProblemOfEveryFileAtOnceAndNothingBuilt() throws Exception {
    // A's own misspelt key, and the extension it shares with B: both, in both files.
    Path a = write("a.yaml", staff("a", "A kommun", "anna.berg", "2102")
        .replace("first-name", "frist-name"));
    Path b = write("b.yaml", staff("b", "B kommun", "bo.lind", "2102"));
    Path platform = write("platform.yaml", "platform:\n  nam: P\norganisations:\n"
        + "  - staff: a.yaml\n  - staff: b.yaml\n");

    List<Problem> problems = problems(platform);

    at(problems, platform, 2, 3, "unknown key 'nam'; did you mean 'name'?");
    at(problems, a, 12, 5, "unknown key 'frist-name'");
    at(problems, a, 15, 16, "extension 2102 is also the extension of 'bo.lind'");
    at(problems, b, 15, 16, "extension 2102 is also the extension of 'anna.berg'");
    assertEquals(4, problems.size(), problems::toString);
    assertEquals(platform.toString(), problems.get(0).file(), "the platform file first");
  }

  @Test
  void missingStaffFileIsReportedAtThePlatformFilesLine() throws Exception {
    write("a.yaml", staff("a", "A kommun", "anna.berg", "2102"));
    Path platform = platform("a.yaml", "nowhere/staff.yaml");

    List<Problem> problems = problems(platform);

    assertEquals(1, problems.size(), problems::toString);
    at(problems, platform, 5, 12, "the staff file " + tmp.resolve("nowhere/staff.yaml")
        + " does not exist; paths are relative to this file's directory");
  }

  @Test
  void directoryListedAsAStaffFileIsReportedAtThePlatformFilesLine() throws Exception {
    Files.createDirectories(tmp.resolve("dir"));
    Path platform = platform("dir");

    at(problems(platform), platform, 4, 12, "cannot be read", "is a directory");
  }

  @Test
  void staffFileListedTwiceIsAProblemAtTheSecondListing() throws Exception {
    write("a/staff.yaml", staff("a", "A kommun", "anna.berg", "2102"));
    Path platform = platform("a/staff.yaml", "./a/../a/staff.yaml");

    List<Problem> problems = problems(platform);

    assertEquals(1, problems.size(), problems::toString);
    at(problems, platform, 5, 12, "the staff file './a/../a/staff.yaml' is already listed at"
        + " line 4; list each organisation once");
  }

  @Test
  void platformFileListedAsAStaffFileIsAProblem() throws Exception {
    write("other.yaml", "platform:\n  name: X\norganisations: []\n");
    Path platform = platform("other.yaml");

    at(problems(platform), platform, 4, 12, "'other.yaml' is a platform file; a platform file"
        + " lists staff files only");
  }

  @Test
  void platformFileStructureProblemsAllAtOnce() throws Exception {
    Path platform = write("platform.yaml", """
        platform:
          name: P
        organisation:
          - staff: a.yaml
        """);

    List<Problem> problems = problems(platform);

    at(problems, platform, 3, 1, "unknown key 'organisation'; did you mean 'organisations'?");
    assertEquals(1, problems.size(), "no 'missing organisations' besides the suggestion: "
        + problems);
  }

  @Test
  void emptyListAndWrongEntriesAreReported() throws Exception {
    Path empty = write("empty.yaml", "platform:\n  name: P\norganisations: []\n");
    at(problems(empty), empty, 3, 16, "organisations is empty");

    Path wrong = write("wrong.yaml", "platform:\n  name: P\norganisations:\n  - a.yaml\n"
        + "  - staf: b.yaml\n");
    List<Problem> problems = problems(wrong);
    at(problems, wrong, 4, 5, "an organisation must be a mapping with staff: PATH");
    at(problems, wrong, 5, 5, "unknown key 'staf'; did you mean 'staff'?");
  }

  @Test
  void platformFileHasTheStaffFilesGuards() throws Exception {
    Path platform = write("platform.yaml",
        "platform: &p\n  name: P\norganisations:\n  - staff: a.yaml\n");

    at(problems(platform), platform, 1, 11, "anchors and aliases (& and *) are not allowed");
  }

  @Test
  void collisionsPastTheCapAreCountedNotListed() throws Exception {
    StringBuilder a = new StringBuilder(staff("a", "A kommun", "p0", "10000"));
    StringBuilder b = new StringBuilder(staff("b", "B kommun", "p0", "10000"));
    int n = Problems.MAX + 5;
    for (int i = 1; i < n; i++) {
      String entry = "  - id: p" + i + "\n    first-name: P\n    last-name: Q\n"
          + "    email: p@example.se\n    extension: \"" + (10000 + i) + "\"\n";
      a.append(entry);
      b.append(entry);
    }
    Path fa = write("a.yaml", a.toString());
    write("b.yaml", b.toString());

    List<Problem> problems = problems(platform("a.yaml", "b.yaml"));

    List<Problem> inA = problems.stream().filter(p -> p.file().equals(fa.toString())).toList();
    assertEquals(Problems.MAX + 1, inA.size());
    assertTrue(inA.stream().anyMatch(p -> p.message().equals("too many problems; 5 more not"
        + " shown")), () -> inA.get(0).toString());
  }

  @Test
  void listedStaffFilesHaveTheStaffFilesGuardsToo() throws Exception {
    write("a.yaml", staff("a", "A kommun", "anna.berg", "2102"));
    Path platform = platform("a.yaml", "/dev/zero");

    List<Problem> problems = problems(platform);

    assertEquals(1, problems.size(), problems::toString);
    at(problems, Path.of("/dev/zero"), 1, 1, "more than 67108864 bytes were read");
  }
}
