package se.vaxel.speech;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Absence;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Coverage;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.SpeechSettings;
import se.vaxel.model.Staff;
import se.vaxel.render.Templates;

/**
 * Which announcement each planned absence window plays, by name, without speaking anything:
 * {@code generate} puts the names into the dialplan (so it stays pure and date-independent),
 * and {@code apply} makes the files of the current and upcoming ones before the reload.
 *
 * <p>Who covers is {@link Coverage}'s decision, per ISO week as the dialplan's planned window
 * ({@link CallRouting#route}) has it: one sound for the window's fallback target and one per
 * weekly target, each saying where that week's calls go. Whether the contact is away too is
 * decided at call time; the sentence then still names them (the switchboard refers callers).
 */
public final class AbsenceAnnouncements {

  /** One sentence and the name of its file (no extension). */
  public record Sound(String name, String text, Language language) {}

  /**
   * The sounds of one absence window: its fallback target's and, per target of
   * {@link CallRouting.Route#weekly()}, that target's.
   */
  public record Window(Absence absence, Sound fallback, Map<CallRouting.Target, Sound> weekly) {
    public List<Sound> sounds() {
      List<Sound> all = new ArrayList<>();
      all.add(fallback);
      all.addAll(weekly.values());
      return all;
    }
  }

  private final AnnouncementText text;
  private final WorkingDays workingDays;

  public AbsenceAnnouncements(Templates templates, WorkingDays workingDays) {
    this.text = new AnnouncementText(templates);
    this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
  }

  /** The engine an organisation's settings name: its own command, else espeak-ng. */
  public static SpeechEngine engine(SpeechSettings settings) {
    return settings.command().isEmpty()
        ? new EspeakEngine(settings.timeout())
        : new CommandEngine(settings.command(), settings.timeout());
  }

  /** The sound store of an organisation: its own subdirectory of the sounds directory. */
  public static SoundStore store(SpeechSettings settings) {
    return new SoundStore(java.nio.file.Path.of(settings.writeDir()), engine(settings));
  }

  /**
   * The windows of one person's absences, in {@link Person#absences()} order; empty when the
   * person is not announced ({@link SpeechSettings#announces}) or has no extension.
   */
  public List<Window> windows(Staff staff, Person person) {
    SpeechSettings settings = staff.speech();
    if (!settings.announces(person) || !person.hasExtension()) {
      return List.of();
    }
    SpeechEngine engine = engine(settings);
    List<Window> out = new ArrayList<>();
    for (Absence a : person.absences()) {
      CallRouting.Route route = CallRouting.route(staff, a);
      Sound fallback = sound(staff, person, a, Coverage.planned(staff, a, 0), engine);
      Map<CallRouting.Target, Sound> weekly = new LinkedHashMap<>();
      for (Map.Entry<CallRouting.Target, SortedSet<Integer>> e : route.weekly().entrySet()) {
        weekly.put(e.getKey(), sound(staff, person, a,
            Coverage.planned(staff, a, e.getValue().first()), engine));
      }
      out.add(new Window(a, fallback, weekly));
    }
    return out;
  }

  /**
   * The sounds an apply must have on disk at {@code now}: those of every absence that has not
   * ended. Past windows are named in the dialplan too (it does not depend on the date) but never
   * match a call again, so their files are not made, and are removed.
   */
  public Set<Sound> needed(Staff staff, LocalDateTime now) {
    Set<Sound> needed = new LinkedHashSet<>();
    for (Person p : staff.people()) {
      for (Window w : windows(staff, p)) {
        if (w.absence().end().isAfter(now)) {
          needed.addAll(w.sounds());
        }
      }
    }
    return needed;
  }

  /**
   * What vaxel speaks as an absent person's temporary greeting (docs/speech.md, "The temporary
   * greeting"): the organisation's own absence greeting ({@code absence-greeting.ftl}, the
   * words the policy has a person record) read out, when it comes out speakable: no digit (a
   * template that does not word its numbers, a digit in a workplace) and at most
   * {@link AnnouncementText#MAX_CHARS} characters. Otherwise the announcement's sentence, ending
   * "Du kan lämna ett meddelande efter tonen". {@code cover} is who takes the calls now, as
   * {@link Coverage#at} decides it.
   */
  public String temporaryGreeting(Staff staff, Person person, Absence absence,
      Coverage.Cover cover, java.time.LocalDate today, se.vaxel.render.Texts texts) {
    Language language = staff.languageOf(person);
    String greeting = texts.spokenAbsenceGreeting(staff, person, language, absence, cover, today);
    if (!greeting.isEmpty() && greeting.length() <= AnnouncementText.MAX_CHARS
        && greeting.chars().noneMatch(Character::isDigit)) {
      return greeting;
    }
    return text.render(Announcement.of(person.fullName(), language, absence,
        workingDays.returnDay(absence), Announcement.Target.voicemail()));
  }

  /** The sentence of one absence with one cover, and its file name. */
  public Sound sound(Staff staff, Person person, Absence absence, Coverage.Cover cover,
      SpeechEngine engine) {
    Language language = staff.languageOf(person);
    Announcement a = Announcement.of(person.fullName(), language, absence,
        workingDays.returnDay(absence), Announcement.Target.of(cover));
    String sentence = text.render(a);
    return new Sound(SoundStore.nameOf(engine, sentence, language), sentence, language);
  }
}
