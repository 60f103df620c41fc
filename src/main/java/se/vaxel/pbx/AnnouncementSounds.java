package se.vaxel.pbx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
      if (o.until().isAfter(now)) {
        // Both files of a live override: either may play until it ends.
        for (String name : List.of(o.sound(), o.switchboardSound())) {
          if (!name.isEmpty()) {
            used.add(name);
          }
        }
      }
    }
    return store.retain(used, now);
  }

  /** Only an organisation that has a directory has anything to remove. */
  @Override
  public boolean needsLive(Staff staff) {
    return Files.isDirectory(Path.of(staff.speech().writeDir()));
  }

  /**
   * The announcements of a live absence ({@code vaxel absence set}), made now: the file of
   * where the call goes and, when that names a person, its switchboard variant (played when
   * that person is away too at call time); {@link AbsenceService.Sounds#NONE} when the person
   * is not announced. Its back day is the one a staff.yaml absence of the same times would have.
   */
  public AbsenceService.Announcer announcer(Staff staff) {
    return (person, o, cover) -> {
      if (!staff.speech().announces(person)) {
        return AbsenceService.Sounds.NONE;
      }
      se.vaxel.model.Absence absence = o.asAbsence(staff.organisation().timezone());
      AbsenceAnnouncements.Said said = announcements.said(staff, person, absence, cover,
          AbsenceAnnouncements.engine(staff.speech()));
      SoundStore store = AbsenceAnnouncements.store(staff.speech());
      // The switchboard variant first: the one that names the contact is then never on disk
      // without the file the route plays when the contact is away.
      String switchboard = said.switchboard() == null ? ""
          : store.ensure(said.switchboard().text(), said.switchboard().language()).name();
      return new AbsenceService.Sounds(
          store.ensure(said.sound().text(), said.sound().language()).name(), switchboard);
    };
  }

  private static LocalDateTime local(Staff staff, Instant now) {
    return LocalDateTime.ofInstant(now, staff.organisation().timezone());
  }
}
