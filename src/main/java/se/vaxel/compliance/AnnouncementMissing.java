package se.vaxel.compliance;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Map;
import java.util.Optional;
import se.vaxel.live.EffectiveAbsence;
import se.vaxel.live.LiveOverride;
import se.vaxel.live.Snapshot;
import se.vaxel.model.Absence;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Person;
import se.vaxel.speech.AbsenceAnnouncements;

/**
 * Someone announced (staff.yaml {@code speech:}) and away now has the announcement file the
 * dialplan plays for their calls: the live override's SOUND, else the current planned window's
 * (its ISO week's contact's sentence, else its fallback's, as the planned context picks). A
 * missing file only sets PLAYBACKSTATUS=FAILED: callers hear nothing though the organisation
 * announces absences. Whether a file exists is what the probe found inside Asterisk; where it
 * did not look (the probe failed, an older probe, an override it did not see) there is no
 * finding. An override set from the phone without SOUND is spoken from the phrase kit, files
 * the package ships, not judged here.
 */
final class AnnouncementMissing extends PersonRule {

  @Override
  public String id() {
    return "ANNOUNCEMENT-MISSING";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "someone away whose announcement file Asterisk does not have: callers hear nothing";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    if (!input.staff().speech().announces(person)) {
      return Optional.empty();
    }
    Optional<Snapshot.Announcements> found = input.snapshot().announcements();
    Optional<EffectiveAbsence> away = awayNow(input, person);
    if (found.isEmpty() || away.isEmpty()) {
      return Optional.empty();
    }
    ZoneId zone = input.staff().organisation().timezone();
    Optional<String> missing = away.get().live()
        ? overrideMissing(input, person, found.get())
        : plannedMissing(input, person, found.get(), zone);
    return missing.map(file -> Phrases.away(away.get(), zone) + " but the announcement "
        + file + " is not on the PBX: callers hear nothing before the call goes on"
        + " (run vaxel apply, or set the absence again)");
  }

  /** The override's own SOUND, when it has one and the probe saw it missing. */
  private static Optional<String> overrideMissing(CheckInput input, Person person,
      Snapshot.Announcements found) {
    LiveOverride o = input.snapshot().overrides().get(person.extension());
    if (o == null || o.sound().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(found.overrides().get(person.extension()))
        .filter(exists -> !exists)
        .map(exists -> o.sound());
  }

  /** The current planned window's sound, when the probe saw it missing. */
  private static Optional<String> plannedMissing(CheckInput input, Person person,
      Snapshot.Announcements found, ZoneId zone) {
    LocalDateTime now = LocalDateTime.ofInstant(input.now(), zone);
    Optional<Absence> current = person.absenceAt(now);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    int week = now.toLocalDate().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    for (AbsenceAnnouncements.Window w :
        input.announcements().windows(input.staff(), person)) {
      if (!w.absence().equals(current.get())) {
        continue;
      }
      String name = w.fallback().name();
      for (Map.Entry<CallRouting.Target, java.util.SortedSet<Integer>> e :
          CallRouting.route(input.staff(), w.absence()).weekly().entrySet()) {
        if (e.getValue().contains(week)) {
          name = w.weekly().get(e.getKey()).name();
          break;
        }
      }
      String file = name;
      return Optional.ofNullable(found.files().get(name)).filter(exists -> !exists)
          .map(exists -> file);
    }
    return Optional.empty();
  }
}
