package se.vaxel.pbx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Staff;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.SoundStore;

/**
 * The absences' announcements as a {@link SoundProducer}: the files of every absence that has
 * not ended are made before the reload; afterwards, the organisation's directory keeps those
 * and the ones its live overrides name ({@code vaxel absence set}), and loses the rest.
 */
public final class AnnouncementSounds implements SoundProducer {
  private final AbsenceAnnouncements announcements;

  public AnnouncementSounds(AbsenceAnnouncements announcements) {
    this.announcements = announcements;
  }

  @Override
  public void ensure(Staff staff, Instant now) {
    if (!staff.speech().announce()) {
      return;
    }
    SoundStore store = AbsenceAnnouncements.store(staff.speech());
    for (AbsenceAnnouncements.Sound s : announcements.needed(staff, local(staff, now))) {
      store.ensure(s.text(), s.language());
    }
  }

  @Override
  public int retain(Staff staff, Collection<LiveOverride> live, Instant now) {
    SoundStore store = AbsenceAnnouncements.store(staff.speech());
    Set<String> used = new HashSet<>();
    if (staff.speech().announce()) {
      announcements.needed(staff, local(staff, now)).forEach(s -> used.add(s.name()));
    }
    for (LiveOverride o : live) {
      if (!o.sound().isEmpty() && o.until().isAfter(now)) {
        used.add(o.sound());
      }
    }
    return store.retain(used);
  }

  /** Only an organisation that has a directory has anything to remove. */
  @Override
  public boolean needsLive(Staff staff) {
    return Files.isDirectory(Path.of(staff.speech().writeDir()));
  }

  /**
   * The announcement of a live absence ({@code vaxel absence set}), made now: its file name,
   * or empty when the person is not announced. Its back day is the one a staff.yaml absence of
   * the same times would have.
   */
  public AbsenceService.Announcer announcer(Staff staff) {
    return (person, o, cover) -> {
      if (!staff.speech().announces(person)) {
        return "";
      }
      se.vaxel.model.Absence absence = o.asAbsence(staff.organisation().timezone());
      AbsenceAnnouncements.Sound s = announcements.sound(staff, person, absence, cover,
          AbsenceAnnouncements.engine(staff.speech()));
      return AbsenceAnnouncements.store(staff.speech()).ensure(s.text(), s.language()).name();
    };
  }

  private static LocalDateTime local(Staff staff, Instant now) {
    return LocalDateTime.ofInstant(now, staff.organisation().timezone());
  }
}
