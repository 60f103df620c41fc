package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.live.LiveOverride;
import se.vaxel.live.Snapshot;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.render.Templates;
import se.vaxel.speech.AbsenceAnnouncements;

/**
 * ANNOUNCEMENT-MISSING over CheckInput fixtures: Calle is away (week 31, contact Bo; otherwise
 * Anna), so his window names two files and this week's is Bo's.
 */
class AnnouncementMissingTest {
  private final Rule rule = new AnnouncementMissing();

  private static final String SPEECH = "speech:\n  announcement: true\nstaff:\n";
  private static final String OVERRIDE_SOUND = "announce-0123456789abcdef0123456789abcdef";

  private static Fixture announced(String yaml) {
    Fixture f = Fixture.compliant(yaml.replaceFirst("staff:\n", SPEECH));
    f.announcements = new Snapshot.Announcements(allFiles(f, true), Map.of());
    return f;
  }

  /** Every file staff.yaml's windows name, each found or not. */
  private static Map<String, Boolean> allFiles(Fixture f, boolean exists) {
    AbsenceAnnouncements names = names();
    Map<String, Boolean> files = new HashMap<>();
    for (Person p : f.staff.people()) {
      names.windows(f.staff, p).forEach(w -> w.sounds().forEach(s -> files.put(s.name(), exists)));
    }
    return files;
  }

  private static AbsenceAnnouncements names() {
    return new AbsenceAnnouncements(new Templates(Optional.empty()), Fixture.WORKING_DAYS);
  }

  private static AbsenceAnnouncements.Window calles(Fixture f) {
    return names().windows(f.staff, f.staff.people().get(0)).get(0);
  }

  private static Snapshot.Announcements withFile(Fixture f, String name, boolean exists) {
    Map<String, Boolean> files = new HashMap<>(f.announcements.files());
    files.put(name, exists);
    return new Snapshot.Announcements(files, f.announcements.overrides());
  }

  @Test
  void thisWeeksFileMissingIsReportedForThatPersonOnly() {
    Fixture f = announced(Fixture.STAFF);
    String bos = calles(f).weekly().values().iterator().next().sound().name();
    f.announcements = withFile(f, bos, false);

    assertEquals(List.of(new Finding("ANNOUNCEMENT-MISSING", Severity.WARNING,
        "calle.carlsson", "2101", "away through 2026-08-09 (staff.yaml) but the announcement "
            + bos + " is not on the PBX: callers hear nothing before the call goes on"
            + " (run vaxel apply, or set the absence again)")), f.check(rule));
  }

  @Test
  void anotherWeeksFileMissingIsNotPlayedNowSoNotReported() {
    Fixture f = announced(Fixture.STAFF);
    String fallback = calles(f).fallback().sound().name();
    assertNotEquals(fallback, calles(f).weekly().values().iterator().next().sound().name());
    f.announcements = withFile(f, fallback, false);

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void everyFileThereIsCompliant() {
    assertEquals(List.of(), announced(Fixture.STAFF).check(rule));
  }

  @Test
  void nothingWhereTheProbeDidNotLook() {
    Fixture f = announced(Fixture.STAFF);
    f.announcements = null;

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void aFileTheProbeDidNotReportIsNotJudged() {
    Fixture f = announced(Fixture.STAFF);
    f.announcements = new Snapshot.Announcements(Map.of(), Map.of());

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void someoneNotAnnouncedIsNotJudged() {
    Fixture f = announced(Fixture.STAFF.replace("          extension: \"2101\"\n",
        "          extension: \"2101\"\n          announcement: false\n"));
    f.announcements = new Snapshot.Announcements(Map.of(calles(f).fallback().sound().name(), false),
        Map.of());

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void anOrganisationWithoutSpeechIsNotJudged() {
    Fixture f = Fixture.compliant();
    f.announcements = new Snapshot.Announcements(allFiles(announced(Fixture.STAFF), false),
        Map.of());

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void aLiveOverridesOwnFileMissingIsReportedNotThePlannedOne() {
    Fixture f = announced(Fixture.STAFF);
    f.overrides.put("2102", LiveOverride.away("2102", Fixture.at("2026-07-29T08:00"),
        Fixture.at("2026-07-30T08:00"), "-", Reason.ANNAT, null, "anna.berg")
        .withSound(OVERRIDE_SOUND));
    f.announcements = new Snapshot.Announcements(f.announcements.files(),
        Map.of("2102", false));

    List<Finding> findings = f.check(rule);

    assertEquals(1, findings.size());
    assertEquals("anna.berg", findings.get(0).staffId());
    assertEquals(true, findings.get(0).message().contains(OVERRIDE_SOUND));
  }

  /** This week's sentence names Bo; its switchboard variant plays when Bo is away too. */
  @Test
  void thisWeeksSwitchboardVariantMissingIsReportedAsTheVariant() {
    Fixture f = announced(Fixture.STAFF);
    AbsenceAnnouncements.Said bos = calles(f).weekly().values().iterator().next();
    assertNotNull(bos.switchboard(), "a sentence naming a person has a variant");
    f.announcements = withFile(f, bos.switchboard().name(), false);

    List<Finding> findings = f.check(rule);

    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).message().contains(
        "the announcement switchboard variant " + bos.switchboard().name() + " is not on the PBX"),
        findings.get(0).message());
  }

  @Test
  void aLiveOverridesVariantMissingIsReportedWithItsSentenceWhenBothAre() {
    Fixture f = announced(Fixture.STAFF);
    String variant = "announce-" + "f".repeat(32);
    f.overrides.put("2102", LiveOverride.away("2102", Fixture.at("2026-07-29T08:00"),
        Fixture.at("2026-07-30T08:00"), "2101", Reason.ANNAT, "calle.carlsson", "anna.berg")
        .withSounds(OVERRIDE_SOUND, variant));
    f.announcements = new Snapshot.Announcements(f.announcements.files(),
        Map.of("2102", true), Map.of("2102", false));
    assertEquals(List.of("switchboard variant " + variant),
        f.check(rule).stream().map(x -> x.message().replaceAll(".*the announcement (.*) is not.*",
            "$1")).toList());

    f.announcements = new Snapshot.Announcements(f.announcements.files(),
        Map.of("2102", false), Map.of("2102", false));
    assertEquals(List.of(OVERRIDE_SOUND + " (and its switchboard variant " + variant + ")"),
        f.check(rule).stream().map(x -> x.message().replaceAll(".*the announcement (.*) is not.*",
            "$1")).toList());
  }

  @Test
  void aLiveOverridesFileThereIsCompliant() {
    Fixture f = announced(Fixture.STAFF);
    f.overrides.put("2102", LiveOverride.away("2102", Fixture.at("2026-07-29T08:00"),
        Fixture.at("2026-07-30T08:00"), "-", Reason.ANNAT, null, "anna.berg")
        .withSound(OVERRIDE_SOUND));
    f.announcements = new Snapshot.Announcements(f.announcements.files(), Map.of("2102", true));

    assertEquals(List.of(), f.check(rule));
  }

  /** Spoken from the phrase kit, which the package ships: no file of its own to miss. */
  @Test
  void anOverrideSetFromThePhoneWithoutSoundIsNotJudged() {
    Fixture f = announced(Fixture.STAFF);
    f.overrides.put("2102", LiveOverride.away("2102", Fixture.at("2026-07-29T08:00"),
        Fixture.at("2026-07-30T08:00"), "-", Reason.ANNAT, null, "anna.berg").setByPhone());
    f.announcements = new Snapshot.Announcements(allFiles(f, false), Map.of());
    // Calle's planned file is missing too, and he is reported; Anna is not.
    assertEquals(List.of("calle.carlsson"), f.check(rule).stream().map(Finding::staffId)
        .toList());
  }
}
