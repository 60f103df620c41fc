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
 * Someone announced (staff.yaml {@code speech:}) and away now has the announcement files the
 * dialplan plays for their calls: the live override's SOUND, else the current planned window's
 * (its ISO week's contact's sentence, else its fallback's, as the planned context picks), and
 * the switchboard variant of either, played when the contact is away too at call time. A
 * missing file only sets PLAYBACKSTATUS=FAILED: callers hear nothing though the organisation
 * announces absences. Whether a file exists is what the probe found inside Asterisk; where it
 * did not look (the probe failed, an older probe, an override it did not see) there is no
 * finding. An override without SOUND is spoken from the phrase kit, one shared set of files
 * that every apply makes, not judged here.
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
    boolean sound = Boolean.FALSE.equals(found.overrides().get(person.extension()));
    boolean variant = !o.switchboardSound().isEmpty()
        && Boolean.FALSE.equals(found.variants().get(person.extension()));
    return missing(sound ? o.sound() : null, variant ? o.switchboardSound() : null);
  }

  /**
   * How the finding names what is missing: the sentence, its switchboard variant (played when
   * the contact is away too at call time), or both; empty when neither is.
   */
  private static Optional<String> missing(String sound, String variant) {
    if (sound != null && variant != null) {
      return Optional.of(sound + " (and its switchboard variant " + variant + ")");
    }
    if (sound != null) {
      return Optional.of(sound);
    }
    return Optional.ofNullable(variant).map(v -> "switchboard variant " + v);
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
      AbsenceAnnouncements.Said said = w.fallback();
      for (Map.Entry<CallRouting.Target, java.util.SortedSet<Integer>> e :
          CallRouting.route(input.staff(), w.absence()).weekly().entrySet()) {
        if (e.getValue().contains(week)) {
          said = w.weekly().get(e.getKey());
          break;
        }
      }
      String sound = said.sound().name();
      String variant = said.switchboard() == null ? null : said.switchboard().name();
      return missing(Boolean.FALSE.equals(found.files().get(sound)) ? sound : null,
          variant != null && Boolean.FALSE.equals(found.files().get(variant)) ? variant : null);
    }
    return Optional.empty();
  }
}
