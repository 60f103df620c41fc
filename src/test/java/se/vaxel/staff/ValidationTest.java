package se.vaxel.staff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.staff.StaffFiles.ANNA;
import static se.vaxel.staff.StaffFiles.HEAD;
import static se.vaxel.staff.StaffFiles.assertProblem;
import static se.vaxel.staff.StaffFiles.load;
import static se.vaxel.staff.StaffFiles.onlyProblem;
import static se.vaxel.staff.StaffFiles.problems;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.vaxel.model.Absence;
import se.vaxel.model.AnswerExtra;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.MailOption;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

/** One test per kind of problem in a staff file, each pinned to its line and column. */
class ValidationTest {

  /** Bo Lind, with extra lines of his entry (indented for it here). */
  private static String bo(String... extraLines) {
    StringBuilder yaml = new StringBuilder("""
          - id: bo.lind
            first-name: Bo
            last-name: Lind
            email: bo.lind@bjurholm.se
        """);
    for (String line : extraLines) {
      yaml.append("    ").append(line).append('\n');
    }
    return yaml.toString();
  }

  // --- YAML itself ---

  @Test
  void yamlSyntaxErrorIsOneProblemAtItsMark() {
    onlyProblem(HEAD + """
          - id: anna.berg
            first-name: Anna: Berg
        """, 11, 21, "YAML: mapping values are not allowed here");
  }

  @Test
  void emptyFileIsOneProblem() {
    onlyProblem("# nothing yet\n", 1, 1, "the file is empty");
  }

  @Test
  void documentMustBeAMapping() {
    onlyProblem("- anna.berg\n", 1, 1, "must be a mapping with the keys organisation, asterisk,"
        + " speech, staff, found a list");
  }

  @Test
  void anchorsAndAliasesAreRejected() {
    onlyProblem(HEAD + """
          - id: anna.berg
            first-name: &name Anna
            last-name: *name
            email: anna.berg@bjurholm.se
        """, 11, 17, "anchors and aliases (& and *) are not allowed");
  }

  // --- keys ---

  @Test
  void misspeltKeySuggestsNearest() {
    onlyProblem(HEAD + ANNA.replace("first-name", "frist-name"),
        11, 5, "unknown key 'frist-name'; did you mean 'first-name'?");
  }

  @Test
  void unknownKeyWithoutNearOneListsTheKnownKeys() {
    onlyProblem(HEAD + ANNA + "    shoe-size: 44\n", 15, 5,
        "unknown key 'shoe-size' in staff entry; known keys: id, first-name, last-name");
  }

  @Test
  void misspeltKeysAreFoundAtEveryLevel() {
    List<Problem> problems = problems(HEAD.replace("timezone", "timezon") + """
          - id: anna.berg
            first-name: Anna
            last-name: Berg
            email: anna.berg@bjurholm.se
            mobil: "070-123 45 67"
            absences:
              - from: 2026-07-20
                until: 2026-08-09
                reasn: semester
        asterisk:
          ring-timout: 30
        vaxel: 1
        """);
    assertEquals(5, problems.size(), problems::toString);
    assertProblem(problems.get(0), 8, 3, "unknown key 'timezon'; did you mean 'timezone'?");
    assertProblem(problems.get(1), 14, 5, "unknown key 'mobil'; did you mean 'mobile'?");
    assertProblem(problems.get(2), 18, 9, "unknown key 'reasn'; did you mean 'reason'?");
    assertProblem(problems.get(3), 20, 3,
        "unknown key 'ring-timout'; did you mean 'ring-timeout'?");
    assertProblem(problems.get(4), 21, 1,
        "unknown key 'vaxel' in the top level; known keys: organisation, asterisk, speech, staff");
  }

  @Test
  void duplicateKeyIsReportedWithTheFirstLine() {
    onlyProblem(HEAD + ANNA + "    first-name: Annie\n",
        15, 5, "duplicate key 'first-name' (first given at line 11)");
  }

  @Test
  void missingRequiredKeyIsReportedAtItsEntry() {
    onlyProblem(HEAD + ANNA.replace("    email: anna.berg@bjurholm.se\n", ""),
        10, 5, "missing required key 'email' in staff entry");
  }

  @Test
  void missingOrganisationKeysAreEachReported() {
    List<Problem> problems = problems(HEAD
        .replace("  place: Bjurholm\n", "")
        .replace("  phone: \"0934-140 00\"\n", "") + ANNA);
    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 2, 3, "missing required key 'place' in organisation");
    assertProblem(problems.get(1), 2, 3, "missing required key 'phone' in organisation");
  }

  @Test
  void missingSectionIsReported() {
    onlyProblem("staff: []\n", 1, 1, "missing required key 'organisation' in the top level");
  }

  @Test
  void keyWithoutValueCountsAsMissing() {
    onlyProblem(HEAD + ANNA.replace("email: anna.berg@bjurholm.se", "email:"),
        13, 5, "'email' has no value");
  }

  @Test
  void asteriskSectionAndItsKeysAreOptional() throws StaffException {
    assertEquals(AsteriskSettings.defaults(), load(HEAD + ANNA).asterisk());
    Staff staff = load(HEAD + ANNA + "asterisk:\n  ring-timeout: 30\n");
    assertEquals(new AsteriskSettings("vaxel", "vaxel-staff", "PJSIP/${EXTEN}", 30),
        staff.asterisk());
  }

  @Test
  void organisationIdDefaultsToOneDerivedFromTheName() throws StaffException {
    Staff staff = load(HEAD + ANNA);
    assertEquals("bjurholms-kommun", staff.organisation().id());
    assertFalse(staff.organisation().idDeclared());
  }

  @Test
  void declaredOrganisationIdGivesAsteriskDefaultsOfItsOwn() throws StaffException {
    Staff staff = load(HEAD.replace("  name: Bjurholms", "  id: bjurholm\n  name: Bjurholms")
        + ANNA + "asterisk:\n  ring-timeout: 30\n");
    assertEquals("bjurholm", staff.organisation().id());
    assertEquals(new AsteriskSettings("vaxel-bjurholm", "vaxel-bjurholm-staff",
        "PJSIP/${EXTEN}", 30), staff.asterisk());
  }

  @Test
  void organisationIdMustBeLowerCaseLettersDigitsAndHyphens() {
    onlyProblem(HEAD.replace("  name: Bjurholms", "  id: Bjurholm_1\n  name: Bjurholms") + ANNA,
        2, 7, "organisation.id 'Bjurholm_1' may only contain a-z, 0-9 and '-'");
  }

  @Test
  void hintsAreOnByDefaultAndTrueOrFalseAsWritten() throws StaffException {
    assertTrue(load(HEAD + ANNA).asterisk().hints());
    assertFalse(load(HEAD + ANNA + "asterisk:\n  hints: false\n").asterisk().hints());
    assertTrue(load(HEAD + ANNA + "asterisk:\n  hints: true\n").asterisk().hints());
    onlyProblem(HEAD + ANNA + "asterisk:\n  hints: no\n", 16, 10,
        "hints 'no' must be true or false");
  }

  // --- types ---

  @Test
  void mappingWhereTextIsExpected() {
    onlyProblem(HEAD + ANNA.replace("first-name: Anna", "first-name: {given: Anna}"),
        11, 17, "'first-name' must be text, found a mapping");
  }

  @Test
  void numberWhereListIsExpected() {
    onlyProblem(HEAD + ANNA + "    answer-with: 5\n",
        15, 18, "'answer-with' must be a list, found a number");
  }

  @Test
  void mappingWhereListIsExpected() {
    onlyProblem(HEAD + "  anna.berg: Anna Berg\n", 10, 3,
        "'staff' must be a list, found a mapping");
  }

  @Test
  void unquotedExtensionWithLeadingZeroMustBeQuoted() {
    onlyProblem(HEAD + ANNA.replace("\"2102\"", "0123"),
        14, 16, "extension 0123 must be quoted as \"0123\"");
  }

  @Test
  void unquotedNumbersAndDatesAreReadAsWritten() throws StaffException {
    Person anna = load(HEAD + ANNA.replace("\"2102\"", "2102")
        + "    title: 2026-01-01\n").people().get(0);
    assertEquals("2102", anna.extension());
    assertEquals("2026-01-01", anna.title());
  }

  // --- single values ---

  @Test
  void idMayOnlyUseLowercaseLettersDigitsAndDotDashUnderscore() {
    onlyProblem(HEAD + ANNA.replace("id: anna.berg", "id: Anna Berg"),
        10, 9, "id 'Anna Berg' may only contain a-z, 0-9, '.', '_' and '-'");
  }

  @Test
  void idsThatAreNotDirectoryNamesAreRejected() {
    // An id names the person's output directory: "." and ".." would write beside it.
    onlyProblem(HEAD + ANNA.replace("id: anna.berg", "id: \"..\""),
        10, 9, "id '..' may only contain a-z, 0-9, '.', '_' and '-'");
    onlyProblem(HEAD + ANNA.replace("id: anna.berg", "id: .anna"),
        10, 9, "id '.anna' may only contain");
  }

  @Test
  void extensionMustBeTwoToEightDigits() {
    onlyProblem(HEAD + ANNA.replace("\"2102\"", "\"21a\""),
        14, 16, "extension '21a' must be 2 to 8 digits");
  }

  @Test
  void switchboardMustBeDigits() {
    onlyProblem(HEAD.replace("\"100\"", "växeln") + ANNA,
        4, 16, "switchboard 'växeln' must be 1 to 8 digits");
  }

  @Test
  void emailMustBeAnAddress() {
    onlyProblem(HEAD + ANNA.replace("anna.berg@bjurholm.se", "anna.berg@"),
        13, 12, "email 'anna.berg@' is not a valid e-mail address");
  }

  @Test
  void phoneMayOnlyHaveDigitsSpacesPlusAndDash() {
    onlyProblem(HEAD + ANNA + "    mobile: 070/123 45 67\n",
        15, 13, "mobile '070/123 45 67' may only contain digits, spaces, '+' and '-'");
  }

  @Test
  void timezoneMustBeKnownAndSuggestsNearest() {
    onlyProblem(HEAD.replace("Europe/Stockholm", "Europe/Stokholm") + ANNA,
        8, 13, "unknown timezone 'Europe/Stokholm'; did you mean 'Europe/Stockholm'?");
  }

  @Test
  void languageMustBeSvOrEn() {
    onlyProblem(HEAD + ANNA + "    language: de\n",
        15, 15, "unknown language 'de'; valid: sv, en");
  }

  @Test
  void unknownAnswerWithSuggestsNearest() {
    onlyProblem(HEAD + ANNA + "    title: Rektor\n    answer-with: [titel]\n",
        16, 19, "unknown answer-with 'titel'; did you mean 'title'?");
  }

  @Test
  void answerWithNeedsTheFieldItAdds() {
    onlyProblem(HEAD + ANNA + "    answer-with: [workplace]\n",
        15, 19, "answer-with 'workplace' needs a workplace");
  }

  // --- references across people ---

  @Test
  void duplicateIdsAreReported() {
    onlyProblem(HEAD + ANNA + ANNA.replace("2102", "2103"),
        15, 9, "duplicate id 'anna.berg' (first used at line 10)");
  }

  @Test
  void duplicateExtensionsAreReported() {
    onlyProblem(HEAD + ANNA + bo("extension: \"2102\""),
        19, 16, "extension 2102 is already used by 'anna.berg' at line 14");
  }

  @Test
  void extensionEqualToTheSwitchboardIsRejected() {
    onlyProblem(HEAD + ANNA.replace("\"2102\"", "\"100\""),
        14, 16, "extension 100 is the switchboard's own");
  }

  // --- absences ---

  private static String annaAway(String... absenceLines) {
    StringBuilder yaml = new StringBuilder(HEAD + ANNA + "    absences:\n");
    for (String line : absenceLines) {
      yaml.append("      ").append(line).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void datesMustBeDatesOrLocalDateTimes() {
    List<Problem> problems = problems(annaAway(
        "- from: 2026-02-30", "  until: 20 aug", "  reason: semester"));
    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 16, 15, "from '2026-02-30' is not a date (YYYY-MM-DD) or a"
        + " local date-time (YYYY-MM-DDTHH:MM)");
    assertProblem(problems.get(1), 17, 16, "until '20 aug' is not a date");
  }

  @Test
  void absencesLongerThanThreeYearsAreRejected() {
    // Absences are walked day by day: a file must not be able to ask for millennia.
    onlyProblem(annaAway("- from: 2026-01-01", "  until: 2029-12-31", "  reason: annat"),
        17, 16, "the absence 2026-01-01..2029-12-31 is longer than three years");
  }

  @Test
  void datesOutsideThisCenturyAreRejected() {
    List<Problem> problems = problems(annaAway(
        "- from: 0001-01-01", "  until: 2026-01-01", "  reason: annat"));
    assertEquals(1, problems.size(), problems::toString);
    assertProblem(problems.get(0), 16, 15, "from '0001-01-01' is not between the years 2000"
        + " and 2099");
  }

  @Test
  void fixedOffsetTimezoneIsRejectedForLackingSummerTime() {
    onlyProblem(HEAD.replace("Europe/Stockholm", "\"+01:00\"") + ANNA,
        8, 13, "timezone '+01:00' is a fixed offset");
  }

  @Test
  void untilBeforeFromIsRejected() {
    onlyProblem(annaAway("- from: 2026-08-09", "  until: 2026-07-20", "  reason: semester"),
        17, 16, "until 2026-07-20 is before from 2026-08-09");
  }

  @Test
  void untilDateIsInclusiveAndDateTimeIsExact() throws StaffException {
    List<Absence> absences = load(annaAway(
        "- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "- from: 2026-11-24T09:00", "  until: 2026-11-24T12:00", "  reason: mote"))
        .people().get(0).absences();
    assertEquals(LocalDateTime.parse("2026-07-20T00:00"), absences.get(0).start());
    assertEquals(LocalDateTime.parse("2026-08-10T00:00"), absences.get(0).end());
    assertTrue(absences.get(0).wholeDays());
    assertEquals(LocalDateTime.parse("2026-11-24T12:00"), absences.get(1).end());
    assertFalse(absences.get(1).wholeDays());
  }

  @Test
  void overlappingAbsencesOfOnePersonAreRejected() {
    onlyProblem(annaAway(
        "- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "- from: 2026-08-09T13:00", "  until: 2026-08-09T15:00", "  reason: mote"),
        19, 9, "absence 2026-08-09T13:00..2026-08-09T15:00 overlaps the absence"
            + " 2026-07-20..2026-08-09 at line 16");
  }

  @Test
  void unknownReasonListsTheValidOnes() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semster"),
        18, 17, "unknown reason 'semster'; did you mean 'semester'?; valid: semester,"
            + " tjansteresa, utbildning, sjuk, foraldraledig, mote, annat");
  }

  @Test
  void unknownMailOptionListsTheValidOnes() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  mail: out-of-office"),
        19, 15, "unknown mail 'out-of-office'; valid: checked-by, functional-mailbox,"
            + " forwarded, reads-own");
  }

  @Test
  void mailCheckedByWithoutAlternateIsRejected() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  mail: checked-by"),
        19, 15, "mail 'checked-by' needs an alternate");
  }

  @Test
  void mailDefaultsToTheFunctionalMailbox() throws StaffException {
    Absence absence = load(annaAway(
        "- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester"))
        .people().get(0).absences().get(0);
    assertEquals(MailOption.FUNCTIONAL_MAILBOX, absence.mail());
    assertNull(absence.alternate());
  }

  @Test
  void unknownAlternateSuggestsTheNearestId() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  alternate: bo.lnd") + bo(),
        19, 20, "alternate 'bo.lnd' is not a staff id; did you mean 'bo.lind'?");
  }

  @Test
  void alternateMayNotBeThePersonThemselves() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  alternate: anna.berg"),
        19, 20, "alternate 'anna.berg' is the person themselves");
  }

  @Test
  void unknownWeeklyContactSuggestsTheNearestId() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  weekly-contacts:", "    31: bolind") + bo(),
        20, 15, "weekly contact for week 31 'bolind' is not a staff id; did you mean 'bo.lind'?");
  }

  @Test
  void weeklyContactMayNotBeThePersonThemselves() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  weekly-contacts:", "    31: anna.berg"),
        20, 15, "weekly contact for week 31 'anna.berg' is the person themselves");
  }

  @Test
  void weeklyContactKeysMustBeIsoWeekNumbers() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  weekly-contacts:", "    54: bo.lind") + bo(),
        20, 11, "weekly-contacts keys must be ISO week numbers 1 to 53, found '54'");
  }

  @Test
  void weeklyContactOutsideTheAbsenceIsRejected() {
    onlyProblem(annaAway("- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  weekly-contacts:", "    33: bo.lind") + bo(),
        20, 15, "week 33 is not within the absence 2026-07-20..2026-08-09 (weeks 30, 31, 32)");
  }

  @Test
  void alternatesOfEachOtherWhileBothAbsentAreReportedOnBoth() {
    List<Problem> problems = problems(annaAway(
        "- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  alternate: bo.lind")
        + bo("absences:",
            "  - from: 2026-08-03", "    until: 2026-08-14", "    reason: semester",
            "    alternate: anna.berg"));
    assertEquals(2, problems.size(), problems::toString);
    assertProblem(problems.get(0), 19, 20, "'anna.berg' and 'bo.lind' are each other's"
        + " alternate while both are absent (2026-07-20..2026-08-09 and 2026-08-03..2026-08-14");
    assertProblem(problems.get(1), 28, 20, "'bo.lind' and 'anna.berg' are each other's");
  }

  @Test
  void alternatesOfEachOtherAtDifferentTimesAreFine() throws StaffException {
    Staff staff = load(annaAway(
        "- from: 2026-07-20", "  until: 2026-08-09", "  reason: semester",
        "  alternate: bo.lind")
        + bo("absences:",
            "  - from: 2026-08-10", "    until: 2026-08-28", "    reason: semester",
            "    alternate: anna.berg"));
    assertEquals(2, staff.people().size());
  }

  // --- asterisk ---

  @Test
  void contextsMayOnlyUseLettersDigitsDashAndUnderscore() {
    onlyProblem(HEAD + ANNA + "asterisk:\n  voicemail-context: vaxel staff\n",
        16, 22, "voicemail-context 'vaxel staff' may only contain A-Z, a-z, 0-9, '_' and '-'");
  }

  @Test
  void contextsAsteriskReservesForSettingsAreRejected() {
    onlyProblem(HEAD + ANNA + "asterisk:\n  dialplan-context: globals\n",
        16, 21, "dialplan-context 'globals' is a section Asterisk reserves for settings");
    onlyProblem(HEAD + ANNA + "asterisk:\n  voicemail-context: General\n",
        16, 22, "voicemail-context 'General' is a section Asterisk reserves for settings");
  }

  @Test
  void contextsLeaveRoomForTheGeneratedSuffixes() {
    String name = "a".repeat(66);
    onlyProblem(HEAD + ANNA + "asterisk:\n  dialplan-context: " + name + "\n",
        16, 21, "(at most 65 characters)");
  }

  @Test
  void switchboardDeviceIsADialStringOfSafeCharacters() throws StaffException {
    onlyProblem(HEAD + ANNA + "asterisk:\n  switchboard-device: \"Local/100@x,20\"\n",
        16, 23, "switchboard-device 'Local/100@x,20' may only contain letters, digits");
    assertEquals("Local/100@from-internal", load(HEAD + ANNA
        + "asterisk:\n  switchboard-device: Local/100@from-internal\n").asterisk()
        .switchboardDial("100"));
    assertEquals("PJSIP/100", load(HEAD + ANNA).asterisk().switchboardDial("100"));
  }

  @Test
  void deviceMustContainExtenExactlyOnce() {
    onlyProblem(HEAD + ANNA + "asterisk:\n  device: PJSIP/2101\n",
        16, 11, "device 'PJSIP/2101' must contain ${EXTEN} exactly once");
  }

  @Test
  void deviceMayOnlyUseDialStringCharacters() {
    onlyProblem(HEAD + ANNA + "asterisk:\n  device: \"PJSIP/${EXTEN}&SIP/${CALLERID(num)}\"\n",
        16, 11, "may only contain ${EXTEN}, letters, digits and / _ @ . : -");
  }

  @Test
  void ringTimeoutMustBeFiveToThreeHundredSeconds() {
    onlyProblem(HEAD + ANNA + "asterisk:\n  ring-timeout: 2\n",
        16, 17, "ring-timeout '2' must be a whole number of seconds from 5 to 300");
  }

  // --- free text that reaches Asterisk configuration ---

  static Stream<Arguments> unsafeText() {
    return Stream.of(
        Arguments.of("first-name", "\"Anna;x\"",
            "first-name contains ';' which would start a comment in Asterisk configuration"),
        Arguments.of("last-name", "\"Berg, Anna\"",
            "last-name contains ',' which separates fields in voicemail.conf"),
        Arguments.of("first-name", "\"Anna\\nBerg\"", "first-name contains a line break"),
        Arguments.of("title", "\"Rektor [x]\"",
            "title contains '[' which would start a category"),
        Arguments.of("workplace", "\"Castor]skolan\"", "workplace contains ']'"),
        Arguments.of("department", "\"${EXTEN}\"",
            "department contains '${' which Asterisk would expand as a variable"),
        Arguments.of("title", "\"$[1+1]\"",
            "title contains '$[' which Asterisk would evaluate as an expression"),
        Arguments.of("workplace", "\"a|b\"",
            "workplace contains '|' which separates fields in voicemail.conf"),
        Arguments.of("title", "\"a\\\\b\"", "title contains '\\' which escapes"),
        Arguments.of("last-name", "\"Berg\\a\"", "last-name contains the invisible character"
            + " U+0007"),
        Arguments.of("last-name", "\"Be\\u200Brg\"", "the invisible character U+200B"),
        Arguments.of("last-name", "\"\\u202Egreb\"", "the invisible character U+202E"),
        Arguments.of("title", "\"a\\tb\"", "the invisible character U+0009"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("unsafeText")
  void textThatWouldChangeAsteriskConfigurationIsRejected(
      String field, String yamlValue, String message) {
    String line = "    " + field + ": " + yamlValue + "\n";
    String yaml = switch (field) {
      case "first-name" -> HEAD + ANNA.replace("    first-name: Anna\n", line);
      case "last-name" -> HEAD + ANNA.replace("    last-name: Berg\n", line);
      default -> HEAD + ANNA + line;
    };
    int lineNumber = field.equals("first-name") ? 11 : field.equals("last-name") ? 12 : 15;
    onlyProblem(yaml, lineNumber, 7 + field.length(), message);
  }

  @Test
  void organisationTextIsCheckedToo() {
    onlyProblem(HEAD.replace("Bjurholms kommun", "\"Bjurholms kommun; x\"") + ANNA,
        2, 9, "name contains ';'");
  }

  @Test
  void commasAreAllowedOutsideNames() throws StaffException {
    assertEquals("Barn, utbildning",
        load(HEAD + ANNA + "    department: Barn, utbildning\n").people().get(0).department());
  }

  @Test
  void freeTextIsCappedInLength() {
    onlyProblem(HEAD + ANNA + "    title: " + "a".repeat(81) + "\n",
        15, 12, "title is 81 characters long; at most 80 are allowed");
  }

  @Test
  void fullNameOfAMailboxIsCappedInBytesAsAsteriskStoresIt() {
    // 37 å, "a" and " Berg" are 80 bytes but only 43 characters.
    onlyProblem(HEAD + ANNA.replace("first-name: Anna", "first-name: " + "å".repeat(37) + "a"),
        11, 17, "is 80 bytes in UTF-8, and Asterisk keeps at most 79 bytes of a voicemail"
            + " box's name (å, ä, ö take two each); shorten first-name or last-name");
  }

  @Test
  void fullNameOfExactlyTheLimitPasses() throws StaffException {
    String first = "å".repeat(38) + "a";
    Staff staff = load(HEAD + ANNA.replace("first-name: Anna", "first-name: " + first)
        .replace("last-name: Berg", "last-name: B"));
    assertEquals(StaffReader.MAX_FULL_NAME_BYTES,
        staff.people().get(0).fullName().getBytes(UTF_8).length);
  }

  @Test
  void fullNameIsNotCappedInBytesWithoutAMailbox() throws StaffException {
    String first = "å".repeat(60);
    Staff staff = load(HEAD + ANNA.replace("first-name: Anna", "first-name: " + first)
        .replace("    extension: \"2102\"\n", ""));
    assertEquals(first + " Berg", staff.people().get(0).fullName());
  }

  @Test
  void deviceIsCappedInLength() {
    onlyProblem(HEAD.replace("staff:\n", "asterisk:\n  device: \"PJSIP/${EXTEN}@"
        + "a".repeat(200) + "\"\nstaff:\n") + ANNA, 10, 11,
        "device is 215 characters long; at most 200 are allowed");
  }

  @Test
  void switchboardDeviceIsCappedInLength() {
    onlyProblem(HEAD.replace("staff:\n", "asterisk:\n  switchboard-device: Local/100@"
        + "a".repeat(200) + "\nstaff:\n") + ANNA, 10, 23,
        "switchboard-device is 210 characters long; at most 200 are allowed");
  }

  @Test
  void realNamesPass() throws StaffException {
    Staff staff = load(HEAD + """
          - id: asa.oberg
            first-name: Åsa
            last-name: Öberg-Lindström
            email: asa.oberg@bjurholm.se
          - id: fiona.obrien
            first-name: Fiona
            last-name: O'Brien
            email: fiona.obrien@bjurholm.se
          - id: karl.johan.rene
            first-name: Karl Johan
            last-name: René
            title: "Lärare i svenska, engelska"
            email: karl.johan@bjurholm.se
            answer-with: [title]
        """);
    assertEquals(List.of("Åsa Öberg-Lindström", "Fiona O'Brien", "Karl Johan René"),
        staff.people().stream().map(Person::fullName).toList());
    assertEquals(List.of(AnswerExtra.TITLE), staff.people().get(2).answerWith());
  }

  @Test
  void textIsNormalisedToNfc() throws StaffException {
    Person person = load(HEAD + ANNA.replace("first-name: Anna", "first-name: \"A\\u030Asa\""))
        .people().get(0);
    assertEquals("\u00C5sa", person.firstName());
  }

  @Test
  void problemMessagesShowControlCharactersInsteadOfSendingThem() {
    Problem problem = onlyProblem(HEAD + ANNA.replace("id: anna.berg", "id: \"\\e[31manna\""),
        10, 9, "id '<U+001B>[31manna' may only contain");
    assertFalse(problem.toString().contains("\u001B"));
  }

  // --- all at once ---

  @Test
  void allProblemsAreReportedAtOnceInLineOrder() {
    List<Problem> problems = problems(HEAD.replace("Europe/Stockholm", "Mars/Olympus") + """
          - id: anna.berg
            frist-name: Anna
            last-name: Berg
            email: anna.berg@bjurholm.se
            extension: "2102"
          - id: bo.lind
            first-name: Bo
            last-name: "Lind; x"
            email: bo.lind@bjurholm.se
            extension: "2102"
            absences:
              - from: 2026-07-20
                until: 2026-07-01
                reason: semester
        """);
    assertEquals(5, problems.size(), problems::toString);
    assertProblem(problems.get(0), 8, 13, "unknown timezone 'Mars/Olympus'");
    assertProblem(problems.get(1), 11, 5, "unknown key 'frist-name'");
    assertProblem(problems.get(2), 17, 16, "last-name contains ';'");
    assertProblem(problems.get(3), 19, 16, "extension 2102 is already used by 'anna.berg'");
    assertProblem(problems.get(4), 22, 16, "until 2026-07-01 is before from 2026-07-20");
  }

  @Test
  void problemPrintsAsFileLineColumnMessage() {
    assertEquals("staff.yaml:12:5: unknown key 'x'",
        new Problem("staff.yaml", 12, 5, "unknown key 'x'").toString());
  }
}
